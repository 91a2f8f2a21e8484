-- run: sqlite3 demo.db < sql/provenance.sql   (from the repository root, after sql/load.sql and sql/analyze.sql)
-- SPDX-License-Identifier: MIT
--
-- provenance.sql -- the provenance report, for a terminal: for every story,
--   1. each quotation with its speaker, cue and kind, the best matching
--      passage of the source with its scores, and the verdict (verbatim,
--      paraphrased, or no support in the source);
--   2. which of its sentences were taken from the source, each with the
--      aligned source passage, and which were not;
--   3. a summary: the share of sentences with support, quotes by verdict,
--      unsupported quotes by speaker.
-- It reads the tables sql/analyze.sql builds (thresholds and rules are
-- documented there) and prints one line per row, in list mode.  Long texts
-- are clipped to a line, marked with '…'; the full texts are in the tables.
-- sql/run-demo.sh runs load, analyze and this script in one go.
.load ./dist/verbatim
.headers off
.mode list
.nullvalue ''

with
  story as (
    select d.id as doc, d.name, d.body from docs d where d.role = 'story'
  ),
  source_names as (
    select group_concat(name, ', ') as names from (select name from docs where role = 'source' order by id)
  ),
  q as (
    select q.doc, q.ord, q.speaker, q.cue, q.kind, m.verdict, m.containment, m.cosine, m.partial,
           replace(replace(q.text, char(13), ''), char(10), ' ') as quote,
           replace(replace(p.text, char(13), ''), char(10), ' ') as passage,
           (select name from docs where id = p.doc) as source, p.first, p.last,
           p.speaker as source_speaker, m.same_speaker
    from quote q join quote_match m using (doc, ord) left join passage p on p.id = m.passage
  ),
  sm as (
    select s.doc, s.ord, m.cosine, m.supported,
           replace(replace(s.text, char(13), ''), char(10), ' ') as sentence,
           replace(replace(p.text, char(13), ''), char(10), ' ') as passage,
           (select name from docs where id = p.doc) as source, p.first, p.last
    from sentence s join sentence_match m using (doc, ord) left join passage p on p.id = m.passage
  ),
  lines(doc, section, item, sub, line) as (
    -- 0: the story's header
    select doc, 0, 0, 0, printf('%.96c', '=') from story
    union all
    select doc, 0, 0, 1, printf('Story %s   (source: %s)', name, (select names from source_names))
    from story
    union all
    -- 1: quotations
    select doc, 1, 0, 0,
           printf('%sQuotations: %s', char(10),
                  case when quotes = 0 then 'none found'
                       else printf('%d (%d verbatim, %d paraphrased, %d with no support in the source)',
                                   quotes, verbatim, paraphrased, unsupported) end)
    from story_summary
    union all
    select doc, 1, ord, 0,
           printf('  %2d. %!-12s %s  [%skind: %s]', ord, upper(verdict),
                  coalesce(speaker, '(unknown speaker)'),
                  case when cue is not null then 'cue: ' || cue || ', ' else '' end, kind)
    from q
    union all
    select doc, 1, ord, 1,
           printf('      quote   “%s”', case when length(quote) > 80 then substr(quote, 1, 79) || '…' else quote end)
    from q
    union all
    select doc, 1, ord, 2,
           case when passage is null then '      source  no passage shares a word with it'
           else printf('      source  %s %s%s', source,
                  case when first = last then 's.' || first else 's.' || first || '–' || last end,
                  coalesce(', said by ' || source_speaker, '')) end
    from q
    union all
    select doc, 1, ord, 3,
           printf('              “%s”',
                  case when length(passage) > 80 then substr(passage, 1, 79) || '…' else passage end)
    from q where passage is not null
    union all
    select doc, 1, ord, 5,
           printf('      note    the source gives these words to %s, not %s', source_speaker, speaker)
    from q where same_speaker = 0 and verdict <> 'no support'
    union all
    select doc, 1, ord, 4,
           printf('      scores  contains %d%% of its words, cosine %.2f, partial %.2f',
                  round(containment * 100), cosine, partial)
    from q
    union all
    -- 2: sentences taken from the source
    select doc, 2, 0, 0,
           printf('%sSentences taken from the source: %d of %d (%d%%)', char(10),
                  supported, sentences, round(100.0 * supported / max(sentences, 1)))
    from story_summary
    union all
    select doc, 2, ord, 0,
           printf('  s.%-3d %.2f  %s', ord, cosine,
                  case when length(sentence) > 82 then substr(sentence, 1, 81) || '…' else sentence end)
    from sm where supported
    union all
    select doc, 2, ord, 1,
           printf('        ← %s%s: %s',
                  case when (select count(*) from docs where role = 'source') > 1
                       then source || ' ' else '' end,
                  case when first = last then 's.' || first else 's.' || first || '–' || last end,
                  case when length(passage) > 78 then substr(passage, 1, 77) || '…' else passage end)
    from sm where supported
    union all
    select doc, 2, 1000000, 0,
           '  not in the source: ' || coalesce(group_concat('s.' || ord, ', '), 'none')
    from (select doc, ord from sm where not supported order by doc, ord)
    group by doc
    union all
    -- 3: summary
    select doc, 3, 0, 0,
           printf('%sSummary: %d%% of the sentences (%d of %d) have support in the source; %s.',
                  char(10), round(100.0 * supported / max(sentences, 1)), supported, sentences,
                  case when quotes = 0 then 'no quotations'
                       else printf('%d of %d quotes have none', unsupported, quotes) end)
    from story_summary
    union all
    select distinct doc, 3, 1, 0, '  Quotes with no support, by speaker:'
    from unsupported_by_speaker
    union all
    select doc, 3, 1 + row_number() over (partition by doc order by quotes desc, speaker), 0,
           printf('    %3d  %s', quotes, speaker)
    from unsupported_by_speaker
  )
select line from lines order by doc, section, item, sub;

-- The overview: one line per story.
.print
select printf('%.96c', '=');
select 'Overview: sentences with support in the source, and quotes by verdict';
select printf('  %-32s %9s %9s %8s %11s %10s', 'story', 'sentences', 'supported', 'verbatim',
              'paraphrased', 'no support');
select printf('  %!-32s %9d %8d%% %8d %11d %10d', d.name, s.sentences,
              round(100.0 * s.supported / max(s.sentences, 1)), s.verbatim, s.paraphrased,
              s.unsupported)
from story_summary s join docs d on d.id = s.doc order by d.id;
select printf('Thresholds (sql/analyze.sql): %s',
              (select group_concat(name || ' ' || value, ', ') from threshold));
