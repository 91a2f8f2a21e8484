# SPDX-License-Identifier: MIT
# tests/bindings/run_tcl.tcl SO WORKLOAD -- the bindings workload from Tcl
# (libsqlite3-tcl; see run.sh for the output format).  Columns are read by
# name, so every query's columns must have distinct names.
package require sqlite3
lassign $argv so workload
sqlite3 db :memory:
db enable_load_extension 1
db eval {select load_extension($so)}
db enable_load_extension 0
db nullvalue NULL
fconfigure stdout -encoding utf-8 -translation lf
set f [open $workload r]
fconfigure $f -encoding utf-8
while {[gets $f line] >= 0} {
  if {$line eq "" || [string index $line 0] eq "#"} continue
  set i [string first " " $line]
  set label [string range $line 0 [expr {$i - 1}]]
  set sql [string range $line [expr {$i + 1}] end]
  if {[catch {
    db eval $sql row {
      set out [list $label]
      foreach c $row(*) { lappend out $row($c) }
      puts [join $out |]
    }
  } msg]} {
    puts "$label|error|$msg"
  }
}
close $f
db close
