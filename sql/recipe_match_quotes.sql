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
-- by cosine) with a window function, and prints story, quote number,
-- speaker, the two scores and the start of both texts.  Cost: quotes x
-- source sentences similarity() calls.  analyze.sql adds pairs of
-- sentences as passages, the 'partial' score and the verdicts.
.load ./dist/verbatim
.headers on
.mode list

with scored as (
  select d.name as story, q.ord, q.speaker, q.quote, s.ord as source_sentence, s.sentence,
         similarity(q.quote, s.sentence, 'containment') as containment,
         similarity(q.quote, s.sentence, 'cosine') as cosine
  from docs d, quotes(d.body) q, docs src, sentences(src.body) s
  where d.role = 'story' and src.role = 'source'
),
ranked as (
  select *, row_number() over (partition by story, ord
                               order by containment desc, cosine desc) as rank
  from scored
)
select story, ord, coalesce(speaker, '(unknown)') as speaker,
       printf('%.2f', containment) as containment, printf('%.2f', cosine) as cosine,
       substr(quote, 1, 40) as quote, source_sentence, substr(sentence, 1, 40) as sentence
from ranked where rank = 1
order by story, ord;
