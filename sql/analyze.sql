-- run: sqlite3 demo.db < sql/analyze.sql   (from the repository root, after sql/load.sql)
-- SPDX-License-Identifier: MIT
--
-- analyze.sql -- compare every story of docs(id, name, body, role) with the
-- source document(s), using only verbatim's functions and plain SQL.  It
-- (re)creates these tables, which sql/provenance.sql (text) and
-- sql/report_html.sql (HTML) print:
--
--   threshold(name, value, meaning)       the verdict thresholds, in one place
--   sentence(doc, ord, text, start, length, paragraph)
--                                          sentences() of every document
--   passage(id, doc, first, last, start, length, text, speaker)
--                                          the source's passages: each sentence,
--                                          and each pair of consecutive ones;
--                                          speaker: who says it, when the source
--                                          is a transcript (see below)
--   source_turn(doc, speaker, start, length)
--                                          the source's transcript turns
--   quote(doc, ord, text, speaker, mention, cue, kind, start, length,
--         sentence, paragraph)             quotes() of every story
--   quote_match(doc, ord, passage, containment, cosine, partial, verdict,
--               same_speaker)              each quote's best source passage
--                                          (NULL when it shares no word with any);
--                                          same_speaker: does the passage's speaker
--                                          match the quote's (see below)
--   sentence_match(doc, ord, passage, cosine, supported)
--                                          each story sentence's best passage
--                                          (NULL likewise)
--   story_summary(doc, sentences, supported, quotes, verbatim, paraphrased,
--                 unsupported)
--   unsupported_by_speaker(doc, speaker, quotes)
--
-- How a quote's best passage is chosen: the passage containing the largest
-- share of the quote's content words (similarity 'containment'), ties broken
-- by cosine.  The verdict:
--   verbatim     partial >= 0.9: the quote's words stand, nearly character
--                for character, in the passage (a quote cut with an
--                ellipsis or with a [bracketed insertion]: each piece in its
--                best passage, see below);
--   paraphrased  otherwise, containment >= 0.6 and cosine >= 0.45: most of
--                its content words are there, reworded or reordered;
--   no support   anything else.
-- Both conditions of 'paraphrased' are needed: on the seeds, short quotes
-- reach containment 0.67 by sharing two words ("The people of Donbass have
-- suffered enough" -- "people", "Donbass", and "suffered" related to
-- "bearable") at cosine 0.39, and a quote reaches cosine 0.39 with a heading
-- ("Official website of the President of Russia") at containment 0.29; no
-- quote of a story passes both.
-- A story sentence is supported ("taken from the source") when its best
-- passage (by cosine) scores >= 0.5.  On the seeds, a story sentence that
-- shares only names and titles with the source ("Russian President Vladimir
-- Putin has ...") reaches 0.42 at most; the lead of 000, which restates who
-- met whom and the stable line of contact, scores 0.69.  Paraphrase that
-- keeps the meaning but changes the words (most of 000) stays below: the
-- cosine counts shared words and gives only partial credit to related ones
-- (WordNet synonyms), it does not understand the sentence.
--
-- Speakers: when the source is a transcript, quotes() gives its turns
-- ("Vladimir Putin: ..."), and a passage's speaker is the one whose turn
-- overlaps it most.  same_speaker is 1 when the quote's speaker and the
-- passage's name the same person (one name contains the other, ignoring
-- case: "Putin" and "Vladimir Putin"), 0 when they differ -- the story may
-- give the words to the wrong person, or name the speaker by a description
-- ("the president") -- and NULL when either is unknown.  The report prints a
-- note for a supported quote whose speakers differ; the verdict stays.
--
-- Cost: quotes x passages and sentences x passages similarity calls, so
-- O(story size x source size) -- fine for articles against a transcript;
-- for a large corpus narrow the candidates first with minhash()/lsh_bands().
--
-- Shell parameter @lang (optional): the language code for sentences() and
-- quotes(); NULL means 'en'.
.load ./dist/verbatim

drop table if exists threshold;
create table threshold(name text primary key, value real not null, meaning text not null);
insert into threshold values
  ('verbatim_partial', 0.9, 'partial(quote, passage) at least this: verbatim'),
  ('paraphrase_containment', 0.6, 'containment(quote, passage) at least this ...'),
  ('paraphrase_cosine', 0.45, '... and cosine(quote, passage) at least this: paraphrased'),
  ('sentence_cosine', 0.5, 'cosine(story sentence, passage) at least this: taken from the source');

-- Sentences of every document.
drop table if exists sentence;
create table sentence(
  doc integer not null, ord integer not null, text text, start integer, length integer,
  paragraph integer, primary key (doc, ord)) without rowid;
insert into sentence
select d.id, s.ord, s.sentence, s.start, s.length, s.paragraph
from docs d, sentences(d.body, @lang) s;

-- The source's passages: single sentences and pairs of consecutive sentences
-- (a quote or a paraphrase often spans a sentence boundary).
drop table if exists passage;
create table passage(
  id integer primary key, doc integer not null, first integer, last integer,
  start integer, length integer, text text, speaker text);
insert into passage(doc, first, last, start, length, text)
select s.doc, s.ord, s.ord, s.start, s.length, s.text
from sentence s join docs d on d.id = s.doc
where d.role = 'source'
union all
select a.doc, a.ord, b.ord, a.start, b.start + b.length - a.start,
       substr(d.body, a.start, b.start + b.length - a.start)
from sentence a
join sentence b on b.doc = a.doc and b.ord = a.ord + 1
join docs d on d.id = a.doc
where d.role = 'source'
order by 1, 2, 3;

-- The source's transcript turns, and each passage's speaker.
drop table if exists source_turn;
create table source_turn as
select d.id as doc, q.speaker, q.start, q.length
from docs d, quotes(d.body, @lang) q
where d.role = 'source' and q.kind = 'turn' and q.speaker is not null;
with overlap as (
  select p.id, t.speaker,
         row_number() over (
           partition by p.id
           order by min(t.start + t.length, p.start + p.length) - max(t.start, p.start) desc,
                    t.start) as rank
  from passage p join source_turn t
    on t.doc = p.doc and t.start < p.start + p.length and p.start < t.start + t.length
)
update passage set speaker = (select speaker from overlap o where o.id = passage.id and o.rank = 1);

-- Quotations of every story.
drop table if exists quote;
create table quote(
  doc integer not null, ord integer not null, text text, speaker text, mention text, cue text,
  kind text, start integer, length integer, sentence integer, paragraph integer,
  primary key (doc, ord)) without rowid;
insert into quote
select d.id, q.ord, q.quote, q.speaker, q.mention, q.cue, q.kind, q.start, q.length,
       q.sentence, q.paragraph
from docs d, quotes(d.body, @lang) q
where d.role = 'story';

-- Each quote's best passage and its verdict.
drop table if exists quote_match;
create table quote_match(
  doc integer not null, ord integer not null, passage integer, containment real, cosine real,
  partial real, verdict text, same_speaker integer, primary key (doc, ord)) without rowid;
with scored as (
  select q.doc, q.ord, p.id as passage,
         similarity(q.text, p.text, 'containment') as containment,
         similarity(q.text, p.text, 'cosine') as cosine
  from quote q, passage p
),
ranked as (
  select *, row_number() over (partition by doc, ord order by containment desc, cosine desc,
                                                             passage) as rank
  from scored
)
insert into quote_match
select r.doc, r.ord, r.passage, r.containment, r.cosine,
       similarity(q.text, p.text, 'partial'), null,
       case when q.speaker is null or p.speaker is null then null
            when instr(lower(q.speaker), lower(p.speaker)) > 0
              or instr(lower(p.speaker), lower(q.speaker)) > 0 then 1
            else 0 end
from ranked r
join quote q on q.doc = r.doc and q.ord = r.ord
join passage p on p.id = r.passage
where r.rank = 1;
-- A quote that shares no word with any passage has no best passage.
update quote_match set passage = null, same_speaker = null where containment = 0 and cosine = 0;
-- A quote cut with an ellipsis ("…", "...", "[…]", "(…)") joins pieces that
-- need not stand next to each other in the source, and a bracketed insertion
-- ("to you [the president] personally") is the writer's, not the speaker's;
-- 'partial' looks for all of the quote's words in one unbroken run.  So
-- such a quote is also scored piece by piece, cut at its ellipses and
-- brackets: each piece of at least 3 content words gets its best passage and
-- partial as a quote does (shorter pieces prove too little to count), and
-- the quote's partial becomes the lowest of its pieces' when that is higher.
-- "We will open three new schools ... next spring" is then verbatim, and a
-- cut that adds words the source does not have is not.
with
  piece(doc, ord, n, text) as (
    select q.doc, q.ord, m.ord, m.match
    from quote q,
         regexp_matches(
           regexp_replace(q.text, '\s*(?:\[[^\[\]]{0,200}+\]|\((?:…|\.\.\.)\)|…|\.\.\.)\s*',
                          char(1)),
           '[^\x01]++') m
    where q.text regexp '…|\.\.\.|\['
  ),
  long_piece as (
    select * from piece w
    where (select count(*) from tokens(w.text) t
           where t.kind in ('word', 'number') and not t.stop) >= 3
  ),
  scored as (
    select w.doc, w.ord, w.n, w.text, p.id as passage,
           similarity(w.text, p.text, 'containment') as containment,
           similarity(w.text, p.text, 'cosine') as cosine
    from long_piece w, passage p
  ),
  ranked as (
    select *, row_number() over (partition by doc, ord, n order by containment desc, cosine desc,
                                                                   passage) as rank
    from scored
  ),
  quote_cut(doc, ord, partial) as (
    select r.doc, r.ord, min(similarity(r.text, p.text, 'partial'))
    from ranked r join passage p on p.id = r.passage
    where r.rank = 1
    group by r.doc, r.ord
  )
update quote_match
set partial = (select c.partial from quote_cut c
               where c.doc = quote_match.doc and c.ord = quote_match.ord)
where passage is not null
  and exists (select 1 from quote_cut c
              where c.doc = quote_match.doc and c.ord = quote_match.ord
                and c.partial > quote_match.partial);
update quote_match set verdict = case
  when partial >= (select value from threshold where name = 'verbatim_partial')
    then 'verbatim'
  when containment >= (select value from threshold where name = 'paraphrase_containment')
   and cosine >= (select value from threshold where name = 'paraphrase_cosine')
    then 'paraphrased'
  else 'no support' end;

-- Each story sentence's best passage (by cosine).
drop table if exists sentence_match;
create table sentence_match(
  doc integer not null, ord integer not null, passage integer, cosine real, supported integer,
  primary key (doc, ord)) without rowid;
with scored as (
  select s.doc, s.ord, p.id as passage, similarity(s.text, p.text, 'cosine') as cosine
  from sentence s join docs d on d.id = s.doc and d.role = 'story', passage p
),
ranked as (
  select *, row_number() over (partition by doc, ord order by cosine desc, passage) as rank
  from scored
)
insert into sentence_match
select doc, ord, passage, cosine,
       cosine >= (select value from threshold where name = 'sentence_cosine')
from ranked where rank = 1;
update sentence_match set passage = null where cosine = 0;

-- Per story: sentences with support, quotes by verdict.
drop table if exists story_summary;
create table story_summary as
select d.id as doc,
       (select count(*) from sentence_match m where m.doc = d.id) as sentences,
       (select count(*) from sentence_match m where m.doc = d.id and m.supported) as supported,
       (select count(*) from quote_match m where m.doc = d.id) as quotes,
       (select count(*) from quote_match m where m.doc = d.id and m.verdict = 'verbatim') as verbatim,
       (select count(*) from quote_match m where m.doc = d.id and m.verdict = 'paraphrased')
         as paraphrased,
       (select count(*) from quote_match m where m.doc = d.id and m.verdict = 'no support')
         as unsupported
from docs d where d.role = 'story' order by d.id;

drop table if exists unsupported_by_speaker;
create table unsupported_by_speaker as
select q.doc, coalesce(q.speaker, '(unknown speaker)') as speaker, count(*) as quotes
from quote q join quote_match m using (doc, ord)
where m.verdict = 'no support'
group by q.doc, 2 order by q.doc, 3 desc, 2;
