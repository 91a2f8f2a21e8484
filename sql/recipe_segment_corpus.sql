-- run: sqlite3 demo.db < sql/recipe_segment_corpus.sql   (from the repository root, after sql/load.sql)
-- SPDX-License-Identifier: MIT
--
-- recipe_segment_corpus.sql -- segment a whole corpus into sentences and
-- words, once, into ordinary tables you can index and query.
--
-- Reads docs(id, name, body, role) (sql/load.sql makes it from a folder).
-- Makes corpus_sentence(doc, ord, paragraph, start, length, sentence, words)
-- and prints, per document: paragraphs, sentences, words, the mean sentence
-- length in words, and the longest sentence.  `words` counts tokens() of
-- kind 'word' or 'number'.  start/length are substr()-compatible positions in
-- docs.body, so substr(body, start, length) gives the sentence back.
.load ./dist/verbatim
.headers on
.mode list

drop table if exists corpus_sentence;
create table corpus_sentence(
  doc integer not null, ord integer not null, paragraph integer, start integer, length integer,
  sentence text, words integer, primary key (doc, ord)) without rowid;
insert into corpus_sentence
select d.id, s.ord, s.paragraph, s.start, s.length, s.sentence,
       (select count(*) from tokens(s.sentence) t where t.kind in ('word', 'number'))
from docs d, sentences(d.body) s;

-- Per document.
select d.name, max(c.paragraph) as paragraphs, count(*) as sentences, sum(c.words) as words,
       round(avg(c.words), 1) as words_per_sentence
from docs d join corpus_sentence c on c.doc = d.id
group by d.id order by d.id;

-- The longest sentence of each document.
select d.name, c.ord, c.words, substr(c.sentence, 1, 60) || '…' as sentence
from docs d join corpus_sentence c on c.doc = d.id
where c.words = (select max(words) from corpus_sentence x where x.doc = d.id)
group by d.id order by d.id;
