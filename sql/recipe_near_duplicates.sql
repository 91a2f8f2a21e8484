-- Run: sqlite3 my.db < sql/recipe_near_duplicates.sql   (from the repository root)
--
-- Near-duplicate search over a table, in plain SQL with an index.
-- Input:  docs(id INTEGER PRIMARY KEY, body TEXT)
-- Output: near_duplicates(a, b, jaccard): every pair a < b whose shingle sets
--         (shingles(body), 3-word shingles of stems) have Jaccard >= 0.5.
--
-- 1. Index.  Each document gets a 64-slot MinHash signature (doc_sig) and 12
--    LSH bands of 2 slots from its first 24 slots (doc_band).  Two documents
--    share a band with probability J^2, so a pair with Jaccard J becomes a
--    candidate with probability 1 - (1 - J^2)^12: 0.968 at J = 0.5, 0.9997
--    at J = 0.7; the threshold (1/12)^(1/2) is 0.29.  See README
--    (lsh_bands) for other bandings.
-- 2. Candidates.  The (band, hash) index is read in order; every bucket of
--    2..50 documents gives its pairs, so a document has at most 12 * 49
--    candidates and the join stays linear.  A bucket of more than 50
--    documents comes from a shingle that very many documents share
--    (boilerplate); a true near-duplicate pair shares several bands and is
--    found through the others.  (Exact copies repeated more than 50 times
--    are better found with GROUP BY body.)
-- 3. Verification.  A cheap filter first, the MinHash estimate from the
--    stored signatures (minhash_similarity >= 0.3: with 64 permutations its
--    standard error at J = 0.5 is 0.0625, so a pair with J >= 0.5 fails it
--    with probability < 0.001), then the exact Jaccard of the two shingle
--    sets.
.load ./dist/verbatim
drop table if exists doc_sig;
drop table if exists doc_band;
drop table if exists near_duplicates;
drop table if exists temp.candidate;
drop table if exists temp.likely;

create table doc_sig(id INTEGER PRIMARY KEY, sig BLOB);
insert into doc_sig select id, minhash(body, 64) from docs;  -- NULL: a body without words
create table doc_band(band INTEGER, hash INTEGER, id INTEGER);
insert into doc_band
  select b.band, b.hash, s.id from doc_sig s, lsh_bands(s.sig, 12, 2) b;
create index doc_band_key on doc_band(band, hash, id);

create temp table candidate as
  with bucket(ids) as (
    select json_group_array(id) from doc_band
     group by band, hash having count(*) between 2 and 50)
  select distinct x.value as a, y.value as b
    from bucket, json_each(bucket.ids) x, json_each(bucket.ids) y
   where x.value < y.value;

create temp table likely as
  select c.a, c.b from candidate c join doc_sig x on x.id = c.a join doc_sig y on y.id = c.b
   where minhash_similarity(x.sig, y.sig) >= 0.3;

-- Jaccard = shingles in both / shingles in either: count each distinct hash
-- of the two texts, c = 2 when both have it.
create table near_duplicates as
  select a, b, jaccard from (
    select l.a, l.b,
           (select sum(c = 2) * 1.0 / count(*) from (
              select count(*) as c from (select distinct hash from shingles(x.body)
                                         union all
                                         select distinct hash from shingles(y.body))
               group by hash)) as jaccard
      from likely l join docs x on x.id = l.a join docs y on y.id = l.b)
   where jaccard >= 0.5;
