# SPDX-License-Identifier: MIT
# tests/bindings/run_perl.pl SO WORKLOAD -- the bindings workload from Perl
# (DBI + DBD::SQLite; see run.sh for the output format).
use strict;
use warnings;
use DBI;

my ($so, $workload) = @ARGV;
my $dbh = DBI->connect("dbi:SQLite:dbname=:memory:", "", "",
  {RaiseError => 0, PrintError => 0, sqlite_unicode => 1})
  or die "connect: $DBI::errstr\n";
# DBD::SQLite registers a Perl REGEXP of its own; "select load_extension()"
# could not replace it from inside a running statement (SQLITE_BUSY), so the
# extension is loaded with the driver's method, as its manual advises.
$dbh->sqlite_enable_load_extension(1);
$dbh->sqlite_load_extension($so) or die "load_extension: " . $dbh->errstr . "\n";
$dbh->sqlite_enable_load_extension(0);
binmode STDOUT, ':encoding(UTF-8)';
open my $f, '<:encoding(UTF-8)', $workload or die "$workload: $!\n";
while (my $line = <$f>) {
  chomp $line;
  next if $line eq '' || $line =~ /^#/;
  my ($label, $sql) = split / /, $line, 2;
  my $sth = $dbh->prepare($sql);
  if (!$sth) {
    print "$label|error|", $dbh->errstr, "\n";
    next;
  }
  if (!$sth->execute) {
    print "$label|error|", $sth->errstr, "\n";
    next;
  }
  while (my $row = $sth->fetchrow_arrayref) {
    print join('|', $label, map { defined $_ ? $_ : 'NULL' } @$row), "\n";
  }
  print "$label|error|", $sth->errstr, "\n" if $sth->err;
}
close $f;
