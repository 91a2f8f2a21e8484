.load ./dist/verbatim
.headers off
.mode list
.nullvalue NULL
select 'q-01 direct, inverted cue, appositive';
select ord, quote, speaker, mention, cue, kind, start, length, sentence, paragraph
  from quotes('“We need more beds before winter,” said Eva Noor, director of the shelter network.');
select 'q-02 speaker before, colon; the object of told is not the speaker';
select quote, speaker, cue, kind from quotes('Dana Cole told the council: “We are out of money.”');
select 'q-03 split by its cue, then a continuation';
select quote, speaker, cue, kind
  from quotes('“The trick,” says Ann Lee, “is patience.” “Then more patience.”');
select 'q-04 pronoun and surname resolution';
select quote, speaker, mention from quotes('Senator Ellen Marsh voted no. “It was rushed,” she said. Later, Marsh told reporters: “We lost.”');
select 'q-05 nested: outer and inner';
select quote, speaker, cue, kind from quotes('“Then Hana Kim said, ‘We start over,’ and that was it,” recalled Sara Olsen.');
select 'q-06 partial, scare quotes, titles';
select quote, speaker, cue, kind from quotes('Senator Paul Grant called the deal “a betrayal of families” on Monday. The so-called “temporary” levy stays. Her film “Rivers of Salt” opens today.');
select 'q-07 reported speech';
select quote, speaker, cue, kind from quotes('Governor Lisa Tran said that the state would appeal. According to the fire department, three homes burned. Prices will rise, union leaders warned on Friday.');
select 'q-08 transcript turns, narration excluded';
select quote, speaker, cue, kind from quotes('HOST: Welcome back.
GIL: Thanks.

(Gil then talked about money.)

It dried up.
HOST: Why?');
select 'q-09 labels that are not speakers';
select count(*) from quotes('Update: the road is open.
Editor''s note: corrected.
WATCH: the video.');
select 'q-10 apostrophes, inches, rock ''n'' roll';
select count(*) from quotes('Rock ''n'' roll from the ''60s. A 12" pipe. Russia’s and residents’ homes.');
select 'q-11 unclosed quotation recovered at the paragraph end';
select quote, kind from quotes('He said: “We will never

Next paragraph. “Yes,” she said.');
select 'q-12 other languages';
select quote, speaker, cue from quotes('„Wir prüfen den Fall“, sagte Innenminister Jonas Weber.', 'de');
select quote, speaker, cue from quotes('«Мы готовы», — заявил министр Иван Петров.', 'ru');
select quote, speaker, cue from quotes('« Nous n’avons pas le choix », a déclaré la ministre Claire Dubois.', 'fr');
select quote, speaker, cue from quotes('«No vamos a ceder», afirmó la portavoz Elena Ruiz.', 'es');
select quote, speaker, cue from quotes('王丽教授说：“这个结果出乎意料。”', 'zh');
select quote, speaker, mention, cue from quotes('“我们会赢。”他说。', 'zh');
select quote, speaker, mention, cue from quotes('田中首相は「来年も続けます」と語った。', 'ja');
select 'q-13 NULL, empty, numbers, BLOB';
select count(*) from quotes(NULL);
select count(*) from quotes('');
select count(*) from quotes(42);
select quote, typeof(quote), start, length from quotes(cast('“Hé,” he said.' as blob));
select 'q-14 substr invariant on invalid UTF-8';
select quote, speaker, start, length, substr(d, start, length) is quote
  from (select cast(x'ff2041fe2e20e2809c7368e280a62ce2809d207361696420416e6e2e2022ff78ff222c206865207361696420ff2e' as text) as d), quotes(d);
select 'q-15 hidden columns, lang default';
select lang, typeof(document) from quotes('“Hi,” he said.');
select 'q-16 titles with a period, gender from titles and pronouns';
select quote, speaker, mention from quotes('Dr. Priya Shah runs the lab. “It works,” said Dr. Shah.');
select quote, speaker, mention from quotes('Ms. Ann Lee met John Smith. “No,” she said. “Yes,” he said.');
select quote, speaker, cue from quotes('Laut Innenminister Jonas Weber wird der Fall geprüft.', 'de');
select 'q-17 continuation across narration in the paragraph, not past another person or paragraph';
select quote, speaker, cue from quotes('“A,” said Ann Lee. She smiled. “B.”');
select quote, speaker, cue from quotes('“A,” said Ann Lee. Bob Stone disagreed. “B.”');
select quote, speaker, cue from quotes('“A,” said Ann Lee.

The meeting ended.

“B.”');
select 'q-18 name particles, an appositive between speaker and cue';
select quote, speaker, mention from quotes('“This is unacceptable,” Ursula von der Leyen said. Von der Leyen added: “We act.”');
select quote, speaker, cue from quotes('“It is over,” Smith, who heads the union, said.');
select 'q-19 errors';
select * from quotes('x', 'xx');
select * from quotes();
-- 2026-11-21: every line break sentences() knows (CR alone, NEL, U+2028, U+2029) is a
-- line break for quotes() too: quotations after one were lost, turns not found.
create temp table qdoc(d);
insert into qdoc values ('Officials met on Friday.
“The talks failed,” Smith said.
HOST: Welcome back.
MARTA GIL: Thank you.
HOST: What changed?');
select 'q-lines', hex(sep), (select group_concat(ord || ':' || start || ':' || length || ':' || ifnull(speaker, '-') || ':' || kind || ':' || sentence || ':' || paragraph, ' ')
  from quotes(replace(d, char(10), sep))) from qdoc, (select char(10) as sep union all select char(13, 10) union all select char(13) union all select char(133) union all select char(8232) union all select char(8233));
-- 2026-11-21: a line without a terminator (a headline) ends the narrator's sentence as in
-- sentences(), so a quotation that opens the next line is found; hard-wrapped prose (a line of
-- more than 40 bytes, then a lower-case letter) still continues it.
select 'q-headline', ord, quote, speaker, cue, kind, sentence, paragraph from quotes('Talks collapse
“The talks failed,” Smith said.');
select 'q-headline-blank', ord, quote, speaker, cue, kind, sentence, paragraph from quotes('Talks collapse

“The talks failed,” Smith said.');
select 'q-wrapped', ord, quote, speaker, cue, kind, sentence from quotes('The minister, who spoke to reporters outside on
the steps, called the plan “a betrayal” and left.');
-- 2026-11-21: a no-break or other Unicode space after a sentence's terminator separates
-- sentences as a space does (web text writes them); the quotation after one was lost.
select 'q-nbsp', hex(sp), (select group_concat(quote || '/' || ifnull(speaker, '-') || '/' || ifnull(cue, '-') || '/' || kind, ' | ')
  from quotes(replace('Senator Ellen Marsh voted no. “It was rushed,” she said. “Nobody read it.” Marsh left.', ' ', sp)))
  from (select ' ' as sp union all select char(160) union all select char(8239) union all select char(8201) union all select char(12288));
select 'q-nbsp-weak', quote, speaker from quotes('''It''s been a hard year for the farmers''' || char(160) || 'union,'' said Rob Kerr.');
-- 2026-11-21: a turn label's words may be separated by any horizontal space (U+202F, U+2009,
-- U+3000 too, not only space, tab and U+00A0); with them a transcript had no turns.
select 'q-label-space', hex(sp), (select group_concat(quote || '/' || speaker || '/' || kind, ' | ')
  from quotes(replace('Vladimir Putin: How is it going?
Leonid Pasechnik: All right.
Putin: Good.', ' ', sp)))
  from (select ' ' as sp union all select char(160) union all select char(8239) union all select char(8201));
-- 2026-11-21: a byte order mark at the start does not hide the first turn label
select 'q-bom', ord, quote, speaker, kind, start from quotes(char(65279) || 'HOST: Welcome back.
MARTA GIL: Thank you.
HOST: What changed?');
-- 2026-11-21: a short capitalised lead-in without a cue ("Then", "(CNN)", "On Monday") before a
-- quotation attributed right after it does not make it partial (it was dropped); a lead-in with a
-- cue or a lowercase word still does ("called the deal", "The so-called").
select 'q-lead', n, (select group_concat(kind || '/' || quote || '/' || ifnull(speaker, '-') || '/' || ifnull(cue, '-'), ' | ')
  from quotes(d))
  from (select 1 as n, '(CNN) “We will not stop,” Smith said.' as d
        union all select 2, 'Then “third,” Jones said.'
        union all select 3, 'On Monday “we will rebuild,” the mayor said.'
        union all select 4, 'He called the deal “a disaster,” Smith said.'
        union all select 5, 'The so-called “peace plan,” Smith said, is dead.');
-- 2026-11-21: a straight mark after a full-width colon or comma opens a quotation (it was read as
-- closing, and the quotation was lost); 'straight' and full-width ＂ alike.
select 'q-cjk-straight', n, (select group_concat(kind || '/' || quote || '/' || speaker || '/' || cue, ' | ')
  from quotes(d, 'zh'))
  from (select 1 as n, '王丽教授说："我们必须保护这些文物。"' as d
        union all select 2, '王丽教授说，"我们必须保护这些文物。"'
        union all select 3, '王丽教授说：＂我们必须保护这些文物。＂');
-- 2026-11-21 (fuzz_quotes): stray continuation bytes after a U+2028 or NEL line break belong to
-- the break's character; a span started inside it, breaking substr(document, start, length).
select 'q-break-stray', n, count(q.ord), ifnull(sum(substr(d, q.start, q.length) = q.quote), 0)
  from (select 1 as n, cast(x'e280a8a02c6179207361792c' as text) as d
        union all select 2, cast(x'e280a8a0' as text) || 'Smith said: “We will stay.”' || cast(x'c285a0a0' as text) || '“Never,” Jones said.') t
  left join quotes(t.d) q group by n;
