.load ./dist/verbatim
-- normalize(): fold (default) unifies quotes, dashes and spaces, folds case, trims
select 'norm-01', normalize('  “Don’t”  STOP—now' || char(160) || char(10) || ' ');
select 'norm-02', normalize('Straße ﬁne ＡＢＣ ΣΊΣΥΦΟΣ «Oui» ‹non› ‚x‛ „y‟ a–b a―b a−b');
select 'norm-03', normalize('co' || char(173) || 'operate a' || char(8205) || 'b');
select 'norm-04', normalize('Straße ﬁ', 'fold'), normalize('Straße ﬁ', 'FOLD');
-- the four Unicode forms
select 'norm-05', normalize('ﬁ①', 'nfc'), normalize('ﬁ①', 'nfkc'), normalize('ﬁ①', 'nfkd');
select 'norm-06', hex(normalize('é', 'nfd')), hex(normalize('e' || char(0x301), 'nfc'));
select 'norm-07', hex(normalize('a' || char(0x301, 0x323), 'nfd')),
  hex(normalize('a' || char(0x301, 0x323), 'nfc'));
select 'norm-08', hex(normalize('가', 'nfkd')), normalize(char(0x1100, 0x1161), 'nfkc') = '가';
-- spaces are kept by the Unicode forms, collapsed and trimmed by fold
select 'norm-09', quote(normalize('  a  b  ', 'nfc')), quote(normalize('  a  b  '));
-- NULL, numbers, BLOBs, invalid UTF-8, empty text
select 'norm-10', quote(normalize(NULL)), quote(normalize(NULL, 'nfc')), normalize(12.5);
select 'norm-11', normalize('ABC', NULL), typeof(normalize(x'414243')), normalize(x'414243');
select 'norm-11b', hex(normalize(x'610062')), typeof(normalize(x'610062', 'nfc'));
select 'norm-12', hex(normalize(cast(x'61ff62' as text), 'nfc')), hex(normalize(x'c3a9ff', 'nfd'));
select 'norm-13', quote(normalize('')), quote(normalize(' ' || char(9))), quote(normalize('', 'nfd'));
-- deterministic: usable in an index expression
create table t(x);
create index t_norm on t(normalize(x));
insert into t values ('“Hello”  World'), ('"hello" world');
select 'norm-14', count(*) from t where normalize(x) = '"hello" world';
-- errors
select 'norm-15';
select normalize('x', 'nfx');
select 'norm-16';
select normalize('x', 1);
select 'norm-17';
select normalize();
-- ZERO WIDTH SPACE separates words in tokens() and so in similarity(), shingles()
-- and FTS5: fold makes it a space, so that text equal after folding has the same words
select 'norm-18', quote(normalize('stabil' || char(0x200b) || 'ity')),
  quote(normalize(char(0x200b) || 'a' || char(0x200b, 0x20, 0x200b) || 'b' || char(0x200b))),
  quote(normalize('ภาษา' || char(0x200b) || 'ไทย')), quote(normalize('a' || char(0x200b), 'nfc'));
select 'norm-19', normalize('stabil' || char(0x200b) || 'ity') = normalize('stability'),
  similarity('stabil' || char(0x200b) || 'ity', 'stability') = 1.0,
  (select group_concat(token, '|') from tokens('stabil' || char(0x200b) || 'ity'));
