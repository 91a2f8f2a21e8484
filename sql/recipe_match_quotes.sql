-- run: sqlite3 demo.db < sql/recipe_match_quotes.sql   (from the repository root, after sql/load.sql)
-- SPDX-License-Identifier: MIT
--
-- recipe_match_quotes.sql -- match every quote of the stories to the source
-- sentence that best supports it: the core of the provenance report
-- (sql/analyze.sql) in one statement.
--
-- Reads docs(id, name, body, role) (sql/load.sql makes it; role 'source'
-- marks the source).  For each quote of a story it scores every source
-- sentence with similarity(quote, sentence, 'containment') -- the share of the
-- quote's content words found in the sentence -- keeps the best (ties broken
-- by cosine, then by the earlier sentence) with a correlated subquery, and
-- prints story, quote number, speaker, the two scores and the start of both
-- texts.  Cost: quotes x source sentences similarity() calls; each quote's
-- candidates are ranked on their own, so nothing the size of quotes x
-- sentences is sorted or kept (20,000 generated stories with 90,000 quotes
-- against the 71-sentence seed source: 25 s and 15 MB, where one window
-- function over every pair took 75-100 s).  analyze.sql adds pairs of
-- sentences as passages, the 'partial' score and the verdicts.
.load ./dist/verbatim
.headers on
.mode list

with
  story_quote as (
    select d.name as story, q.ord, q.speaker, q.quote
    from docs d, quotes(d.body) q
    where d.role = 'story'
  ),
  source_sentence as materialized (
    select s.ord, s.sentence
    from docs src, sentences(src.body) s
    where src.role = 'source'
  ),
  best as (
    select q.*,
           (select c.ord from (
              select s.ord, similarity(q.quote, s.sentence, 'containment') as containment,
                     similarity(q.quote, s.sentence, 'cosine') as cosine
              from source_sentence s) c
            order by c.containment desc, c.cosine desc, c.ord
            limit 1) as source_ord
    from story_quote q
  )
select b.story, b.ord, coalesce(b.speaker, '(unknown)') as speaker,
       printf('%.2f', similarity(b.quote, s.sentence, 'containment')) as containment,
       printf('%.2f', similarity(b.quote, s.sentence, 'cosine')) as cosine,
       substr(b.quote, 1, 40) as quote, s.ord as source_sentence,
       substr(s.sentence, 1, 40) as sentence
from best b join source_sentence s on s.ord = b.source_ord
order by b.story, b.ord;
