.load ./dist/verbatim
.headers off
.mode list
select '-- the README example';
select ord, sentence, start, length, paragraph from sentences('Mr. Smith left. He was late.');
select '-- headings, transcript turns, narration, paragraphs';
select ord, paragraph, sentence from sentences('Meeting with Leonid Pasechnik

Vladimir Putin: How is it going, Mr Pasechnik?
Leonid Pasechnik: All right. Thank you.

(Leonid Pasechnik went on to talk about elections. Mr Pasechnik said so.)');
select '-- languages';
select ord, sentence from sentences('Das ist z. B. gut. Am 23. August kam er.', 'de');
select ord, sentence from sentences('Это т. е. важно. Л. Н. Толстой жил там.', 'ru');
select ord, sentence from sentences('これはペンです。それはマーカーです。', 'ja');
select ord, sentence from sentences('Mr. Smith left.', 'und');
select ord, sentence from sentences('Mr. Smith left.', 'EN-gb');
select '-- NULL document: no rows';
select count(*) from sentences(NULL);
select count(*) from sentences('');
select count(*) from sentences('   ');
select '-- NULL lang means the default';
select count(*) from sentences('A. B.', NULL);
select '-- numbers are text';
select ord, sentence, start, length from sentences(3.5);
select ord, sentence, start, length from sentences(12);
select '-- a BLOB: offsets count bytes, sentences are BLOBs';
select ord, typeof(sentence), hex(sentence), start, length from sentences(x'48692E20C3A92E20416E642E');
select '-- invalid UTF-8 keeps the substr() invariant';
select ord, hex(sentence), start, length from sentences(cast(x'C3A92E20FF2E20E282AC2E2080' as text));
select count(*) from sentences(cast(x'C3A92E20FF2E20E282AC2E2080' as text)) as s
  where substr(cast(x'C3A92E20FF2E20E282AC2E2080' as text), s.start, s.length) <> s.sentence;
select '-- hidden columns';
select document, lang from sentences('One. Two.', 'ru') limit 1;
select lang from sentences('One.') limit 1;
select '-- LIMIT stops early';
select ord, sentence from sentences('One. Two. Three. Four.') limit 2;
select '-- join with a table';
create table docs(id integer primary key, body text);
insert into docs(body) values ('First. Second.'), (NULL), ('Third!');
select docs.id, s.ord, s.sentence from docs, sentences(docs.body) as s order by docs.id, s.ord;
select '-- unknown language';
select * from sentences('x', 'xx');
select * from sentences('x', 42);
-- 2026-11-21: a byte order mark at the start of a document (files saved with one) is not
-- part of the first sentence, as white space is not.
select 'sent-bom', ord, start, length, hex(substr(sentence, 1, 1)) from sentences(char(65279) || 'Heading
Body text here.');
