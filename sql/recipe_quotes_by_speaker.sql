-- run: sqlite3 demo.db < sql/recipe_quotes_by_speaker.sql   (from the repository root, after sql/load.sql)
-- SPDX-License-Identifier: MIT
--
-- recipe_quotes_by_speaker.sql -- who is quoted, how often, how, and where.
--
-- Reads docs(id, name, body, role) (sql/load.sql makes it from a folder).
-- Makes corpus_quote(doc, ord, speaker, mention, cue, kind, quote, start,
-- length) from quotes() of every document, then prints one row per speaker
-- (resolved name, or the description as written; NULL when quotes() could
-- not tell) with the number of quotes, their kinds, the documents and the
-- cues used, and one row per quote of the most quoted speaker.
.load ./dist/verbatim
.headers on
.mode list

drop table if exists corpus_quote;
create table corpus_quote as
select d.id as doc, q.ord, q.speaker, q.mention, q.cue, q.kind, q.quote, q.start, q.length
from docs d, quotes(d.body) q;

-- One row per speaker, most quoted first.
select coalesce(speaker, '(unknown)') as speaker, count(*) as quotes,
       group_concat(distinct kind) as kinds,
       count(distinct doc) as documents,
       group_concat(distinct cue) as cues
from corpus_quote
group by speaker order by quotes desc, speaker;

-- Every quote of the most quoted named speaker, with its document.
select d.name, q.ord, q.kind, q.cue, q.quote
from corpus_quote q join docs d on d.id = q.doc
where q.speaker = (select speaker from corpus_quote where speaker is not null
                   group by speaker order by count(*) desc, speaker limit 1)
order by q.doc, q.ord;
