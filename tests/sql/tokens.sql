.load ./dist/verbatim
-- tokens(): columns, kinds, norm, stem, stop, offsets
select 'tok-01', ord, token, norm, stem, kind, stop, start, length
  from tokens('Putin’s aides were RUNNING late.');
select 'tok-02', group_concat(token, '|') from tokens('3.5% of 1,000; COVID-19 in 1990-2000');
select 'tok-03', group_concat(kind, '|') from tokens('3.5% of 1,000; COVID-19 in 1990-2000');
select 'tok-04', group_concat(stem, '|') from tokens('Переговоры продолжаются', 'ru');
select 'tok-05', group_concat(stem, '|') from tokens('Die Verhandlungen wurden fortgesetzt', 'DE');
select 'tok-06', group_concat(token || ':' || stop, '|') from tokens('L''homme qu’il aimait', 'fr');
select 'tok-07', group_concat(stem, '|') from tokens('Running', 'und');
-- hidden columns and named arguments
select 'tok-08', text, lang, count(*) from tokens where text = 'a b c' and lang = 'en-GB';
select 'tok-09', lang from tokens('x');
-- substr() invariant on multibyte, invalid UTF-8 and BLOB input
select 'tok-10', count(*), sum(substr('Путин, «да» — 日本' , start, length) = token)
  from tokens('Путин, «да» — 日本');
select 'tok-11', count(*), sum(substr(cast(x'41c3a9ff8042e282' as text), start, length) = token)
  from tokens(cast(x'41c3a9ff8042e282' as text));
select 'tok-12', typeof(token), hex(token), start, length from tokens(x'41ff42');
select 'tok-13', quote(token), norm, kind from tokens(x'c3a9ff');
-- text stops at the first NUL, as length() does
select 'tok-14', group_concat(token, '|') from tokens('ab' || char(0) || 'cd');
-- numbers are read as text, NULL gives no rows, empty text gives no rows
select 'tok-15', group_concat(token, '|') from tokens(12.5);
select 'tok-16', count(*) from tokens(NULL);
select 'tok-17', count(*) from tokens('');
select 'tok-18', count(*) from tokens(' ' || char(9) || char(10) || char(160));
-- LIMIT stops early; a join over rows
select 'tok-19', token from tokens('one two three four') limit 2;
create table d(id, body);
insert into d values (1, 'Running dogs'), (2, NULL), (3, 'They ran; he runs.');
select 'tok-20', id, group_concat(stem, ' ') from d, tokens(d.body) where kind = 'word' group by id;
select 'tok-21', stem, count(*) from d, tokens(d.body) where stem like 'run%' group by stem;
-- errors
select 'tok-22';
select * from tokens('x', 'xx');
select 'tok-23';
select * from tokens;
