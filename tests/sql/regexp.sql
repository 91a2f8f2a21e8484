.load ./dist/verbatim
-- regexp(pattern, text) and X REGEXP Y
select 're-01', 'Lt. Col. Smith' regexp '^Lt\.';
select 're-02', 'Col. Smith' regexp '^Lt\.';
select 're-03', regexp('(?i)кремль', 'В Кремле'), regexp('(?i)кремл', 'В КРЕМЛЕ');
select 're-04', 'naïve café' regexp '^\w+ \w+$', 'x٣' regexp '\d', 'straße' regexp '\bstra';
select 're-05', regexp(NULL, 'a') is null, regexp('a', NULL) is null, NULL regexp NULL is null;
select 're-06', 12345 regexp '^\d+$', 3.5 regexp '^3\.5$', regexp(1, 'a1b');
select 're-07', '' regexp '^$', '' regexp 'a', 'abc' regexp '';
-- invalid UTF-8 never matches and never errors; a match cannot cross it
select 're-08', cast(x'61ff62' as text) regexp 'a.b', cast(x'61ff62' as text) regexp 'b$',
  cast(x'ff' as text) regexp '.', cast(x'c3' as text) regexp '^$';
-- BLOBs are taken whole, NUL bytes included; TEXT stops at its first NUL
select 're-09', x'610062' regexp 'a\x00b', x'610062' regexp '^a$',
  cast(x'610062' as text) regexp '^a$';
-- a column pattern is compiled per row, a constant one once
select 're-10', group_concat(p || '=' || ('abc' regexp p), ' ')
  from (select 'a' p union all select '^c' union all select 'c$' union all select 'b');
select 're-11', count(*) from (with recursive n(i) as (select 1 union all select i + 1 from n
  where i < 5000) select i from n) where cast(i as text) regexp '^(\d)\1+$';
-- errors
select 're-12';
select 'x' regexp 'a(';
select 're-13';
select 'x' regexp 'é[z-a]';
select 're-14';
select 'x' regexp 'a\C';
select 're-15';
select 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' regexp '(a+)+$';
select 're-16';
select regexp('a');
select 're-17', x'61ff' regexp 'a';
-- regexp_matches(text, pattern)
select 'rm-01', ord, match, start, length, groups
  from regexp_matches('Putin met Lavrov; Lavrov spoke.', '(\w)(\w+)v');
select 'rm-02', ord, match, start, length, groups from regexp_matches('axb', 'x*');
select 'rm-03', ord, match, start, length from regexp_matches('é€😀', '');
select 'rm-04', ord, match, start, length, groups
  from regexp_matches('ann@x bob@ cy@', '(\w+)@(\w+)?');
-- groups are JSON: quotes, backslashes, control characters escaped
select 'rm-05', groups, json_valid(groups), json_extract(groups, '$[0]') = match
  from regexp_matches('say "hi"\ ' || char(10) || char(1) || 'ü', '(.)');
select 'rm-06', json_array_length(groups), json_extract(groups, '$[1]'), json_type(groups, '$[2]')
  from regexp_matches('2024-05', '(\d+)-(\d+)(x)?');
select 'rm-07', count(*), sum(substr(t, start, length) is match)
  from (select 'Hé said: «Да!» 😀 — ok' t), regexp_matches(t, '\X');
-- invalid UTF-8: a match that ends before stray continuation bytes is widened
-- to the whole SQLite character, so substr(text, start, length) is match
select 'rm-08', ord, hex(match), start, length, hex(substr(t, start, length))
  from (select cast(x'c3a9807a' as text) t), regexp_matches(t, '.');
select 'rm-09', ord, hex(match), start, length
  from regexp_matches(cast(x'61ff62fe' as text), '[^x]');
-- BLOB text: start/length count bytes and match is a BLOB
select 'rm-10', ord, typeof(match), hex(match), start, length
  from regexp_matches(x'41c3a942', '\w');
-- NULLs give no rows; numbers are text
select 'rm-11', count(*) from regexp_matches(NULL, 'a');
select 'rm-12', count(*) from regexp_matches('a', NULL);
select 'rm-13', group_concat(match, ',') from regexp_matches(3.25, '\d');
-- LIMIT stops early on a large text; named hidden columns work
select 'rm-14', ord, start from regexp_matches(printf('%.*c', 2000000, 'w'), 'w') limit 2;
select 'rm-15', count(*) from regexp_matches where text = 'a-b-c' and pattern = '-';
select 'rm-16', t.k, m.ord, m.match
  from (select 1 k, 'x1y2' s union all select 2, 'z3') t, regexp_matches(t.s, '\d') m;
select 'rm-17', text, pattern from regexp_matches('ab', 'b');
select 'rm-18', count(*) from regexp_matches('', '');
select 'rm-18b', quote(match), start, length, quote(substr(x'', start, length))
  from regexp_matches(x'', '');
-- errors
select 'rm-19';
select * from regexp_matches('x', '(?<n>a)(?<n>b)');
select 'rm-20';
select * from regexp_matches('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab', '(a+)+$');
select 'rm-21';
select * from regexp_matches('x');
select 'rm-22';
select * from regexp_matches;
-- regexp_replace(text, pattern, replacement)
select 'rr-01', regexp_replace('Putin, Vladimir', '(\w+), (\w+)', '$2 $1');
select 'rr-02', regexp_replace('axb', 'x*', '-'), regexp_replace('é€', '', '|');
select 'rr-03', regexp_replace('a.b', '\.', '$$'), regexp_replace('abc', '(b)', '[${1}0]'),
  regexp_replace('abc', '(b)(x)?', '<$2>'), regexp_replace('abc', 'z', 'y');
select 'rr-04', regexp_replace('a1b2c3d4e5f6g7h8i9j10k11', '(\w)(\d)(\w)(\d)(\w)(\d)(\w)(\d)(\w)(\d)(\w)(\d)', '$12|$10|$1');
select 'rr-05', regexp_replace('abc', '(b)', '$12');
select 'rr-06', regexp_replace(NULL, 'a', 'b') is null, regexp_replace('a', NULL, 'b') is null,
  regexp_replace('a', 'a', NULL) is null;
select 'rr-07', hex(regexp_replace(cast(x'61ff62c3a9807a' as text), '[a-z]', 'X')),
  typeof(regexp_replace(x'61ff62', 'b', 'c')), hex(regexp_replace(x'61ff62', 'b', 'c'));
select 'rr-08', regexp_replace('', '', 'x'), quote(regexp_replace('aaa', 'a', '')),
  quote(regexp_replace(x'61', 'a', ''));
select 'rr-09', regexp_replace('The Kremlin said', '(?i)\bkremlin\b', '«$0»');
select 'rr-10', length(regexp_replace(printf('%.*c', 1000000, 'a'), 'a', 'bb'));
select 'rr-11';
select regexp_replace('abc', 'b', '$1');
select 'rr-12';
select regexp_replace('abc', 'b', 'cost: $5 $x');
select 'rr-13';
select regexp_replace('abc', 'b(', 'x');
select 'rr-14';
select regexp_replace('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab', '(a+)+$', 'x');
select 'rr-15';
select regexp_replace('abc', 'b', '${1');
-- 2026-11-21: a million small replacements grow the result by doubling (it was
-- quadratic near SQLITE_LIMIT_LENGTH, minutes under ASan), and the result is
-- capped by the connection's length limit.
select 'replace-1M', length(regexp_replace(printf('%.*c', 1000000, 'a'), 'a', 'bØb'));
.limit length 100
select 'replace-toobig', regexp_replace(printf('%.*c', 60, 'a'), 'a', 'bb');
select 'replace-fits', length(regexp_replace(printf('%.*c', 50, 'a'), 'a', 'bb'));
.limit length 1000000000
-- 2026-11-21: options at the start of a pattern hold with the JIT too:
-- (*NO_JIT) failed every match ("argument out of range"), (*NOTEMPTY) was ignored.
select 're-nojit', regexp('(*NO_JIT)b', 'abc'), (select group_concat(start) from regexp_matches('abab', '(*NO_JIT)b'));
select 're-notempty', regexp('(*NOTEMPTY)', 'abc'), (select group_concat(match) from regexp_matches('axxb', '(*NOTEMPTY)x*'));
