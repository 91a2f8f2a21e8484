-- Run: sqlite3 your.db < sql/recipe_corpus_weights.sql   (with the extension loaded first:
--      sqlite3 -cmd '.load ./dist/verbatim' your.db < sql/recipe_corpus_weights.sql)
-- SPDX-License-Identifier: MIT
--
-- recipe_corpus_weights.sql -- a cosine similarity weighted by YOUR corpus's
-- statistics instead of similarity()'s built-in prior.
--
-- similarity(a, b) weighs each stem by a prior from a general English corpus,
-- so it works on a single pair.  Inside one collection, names and topic words
-- that occur everywhere ("Putin" in a Kremlin transcript) deserve less weight
-- than the prior gives them.  This recipe computes document frequencies over
-- your own passages with tokens(), and scores pairs with a TF-IDF cosine in
-- plain SQL, using the same content words as similarity(): word and number
-- tokens that are not stopwords, by their Snowball stem.
--
-- Input:   a table passages(id INTEGER PRIMARY KEY, body TEXT) -- every passage
--          (sentence, paragraph or document) of the collection.
-- Output:  passage_terms(id, stem, tf)      term counts per passage
--          corpus_idf(stem, idf)            idf = ln(1 + N / df)
--          passage_norm(id, norm)           length of each weighted vector
--          passage_cosine(a, b, cosine)     a view: the cosine of every pair that
--                                           shares a stem (absent pairs score 0)
-- Use:     select b, cosine from passage_cosine where a = 17 order by cosine desc limit 5;
--
-- Rebuild the tables after changing passages.  The view joins through the
-- index on (stem, id), so asking for one passage's best matches reads only
-- the passages that share a stem with it.

drop view if exists passage_cosine;
drop table if exists passage_terms;
drop table if exists corpus_idf;
drop table if exists passage_norm;

create table passage_terms as
  select p.id as id, t.stem as stem, count(*) as tf
  from passages p, tokens(p.body) t
  where t.kind in ('word', 'number') and t.stop = 0
  group by p.id, t.stem;
create index passage_terms_stem on passage_terms(stem, id);
create index passage_terms_id on passage_terms(id, stem);

create table corpus_idf as
  select stem, ln(1.0 + (select count(*) from passages) * 1.0 / count(*)) as idf
  from passage_terms
  group by stem;
create unique index corpus_idf_stem on corpus_idf(stem);

create table passage_norm as
  select t.id as id, sqrt(sum(t.tf * t.tf * i.idf * i.idf)) as norm
  from passage_terms t join corpus_idf i using (stem)
  group by t.id;
create unique index passage_norm_id on passage_norm(id);

create view passage_cosine as
  select x.id as a, y.id as b,
         min(1.0, sum(x.tf * y.tf * i.idf * i.idf) / (nx.norm * ny.norm)) as cosine
  from passage_terms x
  join passage_terms y on y.stem = x.stem
  join corpus_idf i on i.stem = x.stem
  join passage_norm nx on nx.id = x.id
  join passage_norm ny on ny.id = y.id
  group by x.id, y.id;
