-- run: sqlite3 demo.db < sql/report_html.sql > report.html   (from the repository root, after sql/load.sql and sql/analyze.sql)
-- SPDX-License-Identifier: MIT
--
-- report_html.sql -- the provenance report as one self-contained HTML page
-- (no scripts, no external files), built with SQL string functions from the
-- tables of sql/analyze.sql.  For every story: the summary, the quotations
-- with speaker, cue, kind, best source passage, scores and verdict, then the
-- story and the source side by side:
--   story   sentences with support in the source are green (hover: the
--           aligned source passage and its score; click: jump to it);
--           quotations are marked by verdict: blue verbatim, amber
--           paraphrased, red with a dashed underline when the source has no
--           support for them;
--   source  the passages this story's supported sentences were aligned with
--           are green; the best passages of its quotes are outlined.
-- The story text is cut at every sentence and quote boundary into pieces,
-- each wrapped in spans for the sentence and the quote that contain it, so
-- overlapping marks never break the markup.  Every text is HTML-escaped with
-- replace() (& < > ").  Pieces are joined with group_concat over an ordered
-- subquery.
.load ./dist/verbatim
.headers off
.mode list
.nullvalue ''

drop view if exists temp.story_piece;
drop view if exists temp.source_piece;

-- The story's text cut at every sentence and quote boundary.
create temp view story_piece as
with bounds(doc, pos) as (
  select id, 1 from docs where role = 'story'
  union select id, length(body) + 1 from docs where role = 'story'
  union select doc, start from sentence where doc in (select id from docs where role = 'story')
  union select doc, start + length from sentence
        where doc in (select id from docs where role = 'story')
  union select doc, start from quote
  union select doc, start + length from quote
),
cut as (
  select doc, pos, lead(pos) over (partition by doc order by pos) as next from bounds
)
select c.doc, c.pos, c.next,
       (select s.ord from sentence s
        where s.doc = c.doc and s.start <= c.pos and c.pos < s.start + s.length) as sentence,
       (select q.ord from quote q
        where q.doc = c.doc and q.start <= c.pos and c.pos < q.start + q.length
        order by q.start desc limit 1) as quote
from cut c where c.next is not null and c.next > c.pos;

-- A source document's text cut at its sentence boundaries.
create temp view source_piece as
with bounds(doc, pos) as (
  select id, 1 from docs where role = 'source'
  union select id, length(body) + 1 from docs where role = 'source'
  union select doc, start from sentence where doc in (select id from docs where role = 'source')
  union select doc, start + length from sentence
        where doc in (select id from docs where role = 'source')
),
cut as (
  select doc, pos, lead(pos) over (partition by doc order by pos) as next from bounds
)
select c.doc, c.pos, c.next,
       (select s.ord from sentence s
        where s.doc = c.doc and s.start <= c.pos and c.pos < s.start + s.length) as sentence
from cut c where c.next is not null and c.next > c.pos;

with
  story as (select id as doc, name, body from docs where role = 'story'),
  -- the source sentences each story used: 's' for a supported sentence's
  -- passage, 'q' for a quote's best passage (when it has support)
  used(story, doc, ord, how) as (
    select m.doc, p.doc, s.ord, 's'
    from sentence_match m join passage p on p.id = m.passage
    join sentence s on s.doc = p.doc and s.ord between p.first and p.last
    where m.supported
    union
    select m.doc, p.doc, s.ord, 'q'
    from quote_match m join passage p on p.id = m.passage
    join sentence s on s.doc = p.doc and s.ord between p.first and p.last
    where m.verdict <> 'no support'
  ),
  page(story, part, item, html) as (
    -- the story's heading and summary
    select doc, 0, 0,
           printf('<section id="story-%d"><h2>%s</h2><p class="summary">%d of %d sentences (%d%%) '
                  || 'have support in the source; quotes: %d verbatim, %d paraphrased, '
                  || '<b class="none">%d with no support</b>%s.</p>',
                  s.doc,
                  replace(replace(replace(replace(d.name, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'),
                  s.supported, s.sentences, round(100.0 * s.supported / max(s.sentences, 1)),
                  s.verbatim, s.paraphrased, s.unsupported,
                  coalesce(' (' || (select group_concat(
                    replace(replace(replace(replace(speaker, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')
                    || ': ' || quotes, ', ')
                    from (select * from unsupported_by_speaker u where u.doc = s.doc
                          order by quotes desc, speaker)) || ')', ''))
    from story_summary s join docs d on d.id = s.doc
    union all
    -- the quotations table
    select doc, 1, 0,
           '<table class="quotes"><tr><th>#</th><th>verdict</th><th>speaker</th><th>cue</th>'
           || '<th>kind</th><th>quote</th><th>closest source passage</th><th>contains</th>'
           || '<th>cosine</th><th>partial</th></tr>'
    from story where exists (select 1 from quote q where q.doc = story.doc)
    union all
    select q.doc, 1, q.ord,
           printf('<tr class="%s"><td>%d</td><td class="verdict">%s</td><td>%s</td><td>%s</td>'
                  || '<td>%s</td><td class="text">%s</td><td class="text passage">%s%s%s</td>'
                  || '<td>%d%%</td><td>%.2f</td><td>%.2f</td></tr>',
                  case m.verdict when 'verbatim' then 'verbatim' when 'paraphrased' then 'paraphrased'
                                 else 'none' end,
                  q.ord, m.verdict,
                  replace(replace(replace(replace(coalesce(q.speaker, '(unknown)'), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'),
                  replace(replace(replace(replace(coalesce(q.cue, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'),
                  q.kind,
                  replace(replace(replace(replace(q.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'),
                  coalesce(replace(replace(replace(replace(p.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'),
                           '(no passage shares a word with it)'),
                  case when p.id is null then ''
                       else printf(' <a href="#s%d-d%d-%d">%s</a>', q.doc, p.doc, p.first,
                                   case when p.first = p.last then 's.' || p.first
                                        else 's.' || p.first || '–' || p.last end)
                            || coalesce(', said by ' || replace(replace(replace(p.speaker, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '') end,
                  case when m.same_speaker = 0 and m.verdict <> 'no support'
                       then '<br><b class="none">The source gives these words to '
                            || replace(replace(replace(p.speaker, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
                            || '.</b>'
                       else '' end,
                  round(m.containment * 100), m.cosine, m.partial)
    from quote q join quote_match m using (doc, ord) left join passage p on p.id = m.passage
    union all
    select doc, 1, 1000000, '</table>'
    from story where exists (select 1 from quote q where q.doc = story.doc)
    union all
    select doc, 1, 0, '<p>No quotations found.</p>'
    from story where not exists (select 1 from quote q where q.doc = story.doc)
    union all
    -- story | source, side by side
    -- (the opening tags share the text's row: a line break inside the
    -- pre-wrap box would show)
    select st.doc, 2, 1, '<div class="cols"><div><h3>Story</h3><div class="doc">' || (
      select coalesce(group_concat(html, ''), '') from (
        select
          case when sp.sentence is null then ''
               else printf('<span class="s %s" title="%s">',
                           case when m.supported then 'sup' else 'uns' end,
                           case when m.supported
                                then printf('s.%d taken from the source %s (cosine %.2f): ', sp.sentence,
                                            case when p.first = p.last then 's.' || p.first
                                                 else 's.' || p.first || '–' || p.last end, m.cosine)
                                     || replace(replace(replace(replace(p.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')
                                else printf('s.%d: no support in the source (best cosine %.2f)',
                                            sp.sentence, m.cosine) end) end
          || case when sp.quote is null then ''
                  else printf('<mark class="q %s" title="quote %d: %s">',
                              case qm.verdict when 'verbatim' then 'verbatim'
                                              when 'paraphrased' then 'paraphrased' else 'none' end,
                              sp.quote, qm.verdict) end
          || case when m.supported and sp.sentence is not null
                  then printf('<a href="#s%d-d%d-%d">', sp.doc, p.doc, p.first) else '' end
          || replace(replace(replace(replace(substr(st.body, sp.pos, sp.next - sp.pos),
                     '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')
          || case when m.supported and sp.sentence is not null then '</a>' else '' end
          || case when sp.quote is null then '' else '</mark>' end
          || case when sp.sentence is null then '' else '</span>' end as html
        from temp.story_piece sp
        left join sentence_match m on m.doc = sp.doc and m.ord = sp.sentence
        left join passage p on p.id = m.passage
        left join quote_match qm on qm.doc = sp.doc and qm.ord = sp.quote
        where sp.doc = st.doc
        order by sp.pos)) || '</div></div>'
    from story st
    union all
    select doc, 2, 2, '<div><h3>Source</h3>' from story
    union all
    select st.doc, 2, 3 + src.id, (
      select '<div class="doc"><div class="name">'
             || replace(replace(replace(replace(src.name, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')
             || '</div>' || coalesce(group_concat(html, ''), '') || '</div>' from (
        select
          case when sp.sentence is null then ''
               else printf('<span id="s%d-d%d-%d" class="%s">', st.doc, sp.doc, sp.sentence,
                           trim(case when exists (select 1 from used u where u.story = st.doc
                                        and u.doc = sp.doc and u.ord = sp.sentence and u.how = 's')
                                     then 'used' else '' end
                                || case when exists (select 1 from used u where u.story = st.doc
                                        and u.doc = sp.doc and u.ord = sp.sentence and u.how = 'q')
                                     then ' quoted' else '' end)) end
          || replace(replace(replace(replace(substr(src.body, sp.pos, sp.next - sp.pos),
                     '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;')
          || case when sp.sentence is null then '' else '</span>' end as html
        from temp.source_piece sp where sp.doc = src.id
        order by sp.pos))
    from story st, docs src where src.role = 'source'
    union all
    select doc, 2, 1000000, '</div></div></section>' from story
  )
select html from (
  select -1 as story, 0 as part, 0 as item,
         '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
         || '<title>verbatim: provenance report</title><style>'
         || 'body{font:15px/1.5 "DejaVu Sans",system-ui,sans-serif;margin:24px;color:#222;background:#fff}'
         || 'h1{font-size:24px}h2{font-size:19px;border-top:3px solid #444;padding-top:12px;margin-top:32px}'
         || 'h3{font-size:15px;margin:8px 0}'
         || 'table{border-collapse:collapse;margin:8px 0;font-size:13px}'
         || 'td,th{border:1px solid #bbb;padding:3px 6px;vertical-align:top;text-align:left}'
         || 'td.text{max-width:360px}th{background:#eee}'
         || 'tr.none td.verdict{color:#b00000;font-weight:bold}tr.none td.passage{color:#777}'
         || 'tr.paraphrased td.verdict{color:#a06000;font-weight:bold}'
         || 'tr.verbatim td.verdict{color:#0050a0;font-weight:bold}'
         || 'b.none{color:#b00000}'
         || '.cols{display:grid;grid-template-columns:1fr 1fr;gap:20px}'
         || '.doc{white-space:pre-wrap;border:1px solid #ccc;padding:10px;font-size:13.5px}'
         || '.doc .name{font-weight:bold;margin-bottom:6px}'
         || '.doc a{color:inherit;text-decoration:none}'
         || '.s.sup,.used{background:#cdeccd}'
         || 'mark.q{background:none;color:inherit;border-bottom:2px solid}'
         || 'mark.verbatim{background:#cfe5ff;border-color:#0050a0}'
         || 'mark.paraphrased{background:#ffe4a8;border-color:#a06000}'
         || 'mark.none{background:#ffd0d0;border-color:#b00000;border-bottom-style:dashed}'
         || '.quoted{outline:2px solid #a06000}'
         || '.legend span,.legend mark{padding:0 4px;margin-right:8px}'
         || '</style></head><body><h1>Provenance report</h1>'
         || '<p>Source: '
         || (select group_concat(replace(replace(replace(name, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), ', ')
             from docs where role = 'source')
         || '. Made with the verbatim SQLite extension (sql/analyze.sql, sql/report_html.sql).</p>'
         || '<p class="legend"><span class="s sup">sentence taken from the source</span>'
         || '<mark class="q verbatim">verbatim quote</mark>'
         || '<mark class="q paraphrased">paraphrased quote</mark>'
         || '<mark class="q none">quote with no support in the source</mark>'
         || '<span class="quoted">source passage of a quote</span></p>'
         || '<table><tr><th>story</th><th>sentences</th><th>with support</th><th>verbatim</th>'
         || '<th>paraphrased</th><th>no support</th></tr>'
         || (select group_concat(row, '') from (
               select printf('<tr><td><a href="#story-%d">%s</a></td><td>%d</td><td>%d%%</td>'
                             || '<td>%d</td><td>%d</td><td>%d</td></tr>', s.doc,
                             replace(replace(replace(d.name, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                             s.sentences, round(100.0 * s.supported / max(s.sentences, 1)),
                             s.verbatim, s.paraphrased, s.unsupported) as row
               from story_summary s join docs d on d.id = s.doc order by s.doc))
         || '</table><p>Thresholds: '
         || (select group_concat(name || ' ' || value, ', ') from threshold) || '.</p>' as html
  union all
  select story, part, item, html from page
  union all
  select 1000000000, 0, 0, '</body></html>'
)
order by story, part, item;
