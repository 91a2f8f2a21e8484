.load ./dist/verbatim
-- similarity() and edit_distance(): exact values, errors, bad input, and
-- the corpus-weights recipe on the seeds.
select 'ed-01', edit_distance('kitten', 'sitting');
select 'ed-02', edit_distance('', ''), edit_distance('', 'abc'), edit_distance('abc', '');
select 'ed-03', edit_distance('Привет', 'привет'), edit_distance('naïve', 'naive');
select 'ed-04', edit_distance(12345, 12354), edit_distance(x'616263', 'abd');
select 'ed-05', edit_distance(x'80ff', x'80'), edit_distance('a' || char(0) || 'b', 'a');
select 'ed-06', edit_distance(NULL, 'a') is null, edit_distance('a', NULL) is null;
select 'ed-07', edit_distance(replace(hex(zeroblob(100000)), '0', 'ab'), 'xyz');
select 'ed-08', edit_distance(hex(zeroblob(600000)), hex(zeroblob(600000)) || 'x');
select 'ed-09', edit_distance(hex(zeroblob(600000)), replace(hex(zeroblob(600000)), '0', '1'));

select 'sim-01', printf('%.6f', similarity('The minister said the talks failed.', 'Talks have failed, the minister said.'));
select 'sim-02', m, printf('%.6f', similarity('Putin said the talks failed.', 'The talks failed, Putin said on Monday.', m))
  from (select 'cosine' m union all select 'jaccard' union all select 'dice' union all select 'overlap'
        union all select 'containment' union all select 'trigram' union all select 'levenshtein'
        union all select 'jaro_winkler' union all select 'lcs' union all select 'token_set' union all select 'partial');
select 'sim-03', printf('%.6f', similarity('The talks failed, Putin said on Monday.', 'Putin said the talks failed.', 'containment'));
select 'sim-04', similarity('kitten', 'sitting', 'levenshtein'), printf('%.6f', similarity('MARTHA', 'MARHTA', 'jaro_winkler'));
select 'sim-05', similarity('word', 'word', 'trigram'), printf('%.6f', similarity('word', 'two words', 'trigram'));
select 'sim-06', printf('%.6f', similarity('fuzzy was a bear but not a dog', 'fuzzy was a bear but not a cat', 'token_set'));
select 'sim-07', similarity('fuzzy was a bear', 'fuzzy fuzzy was a bear', 'token_set');
-- identical after folding: 1 for every method
select 'sim-08', m, similarity('  Hello,   “World” —  AGAIN ', 'hello, "world" - again', m)
  from (select 'cosine' m union all select 'jaccard' union all select 'trigram' union all select 'levenshtein'
        union all select 'jaro_winkler' union all select 'lcs' union all select 'token_set' union all select 'partial');
-- empty texts: both empty 1, one empty 0; no words: equal after folding
select 'sim-09', similarity('', ''), similarity('', 'a'), similarity('a', ''), similarity('', '', 'levenshtein'), similarity('', 'x', 'jaro_winkler');
select 'sim-10', similarity('It is', 'it is'), similarity('!!', '!!'), similarity('!!', '??'), similarity('?', '', 'trigram');
-- NULL texts give NULL, a NULL method the default
select 'sim-11', similarity(NULL, 'a') is null, similarity('a', NULL, 'lcs') is null, similarity('a b', 'a b', NULL);
-- numbers are text, BLOBs are bytes, invalid UTF-8 is no crash
select 'sim-12', similarity(2024, '2024'), similarity(x'68656c6c6f', 'hello', 'levenshtein'), typeof(similarity(x'80ff80', x'c3', 'trigram'));
-- languages
select 'sim-13', printf('%.6f', similarity('Die Kinder spielen im Garten', 'Das Kind spielt im Garten', 'jaccard', 'de'));
select 'sim-14', similarity('x', 'y', 'cosine', 'und');
-- long texts: linear methods run, quadratic ones give the documented error
select 'sim-15', m, similarity(replace(hex(zeroblob(100000)), '00', 'ab '), 'Ab', m),
       similarity(replace(hex(zeroblob(100000)), '00', 'ab '), 'cd', m)
  from (select 'cosine' m union all select 'jaccard' union all select 'trigram' union all select 'partial'
        union all select 'token_set' union all select 'containment');
select 'sim-16', similarity(hex(zeroblob(600000)), replace(hex(zeroblob(600000)), '0', '1'), 'levenshtein');
select 'sim-17', similarity('a', 'b', 'nope');
select 'sim-18', similarity('a', 'b', 'cosine', 'xx');
select 'sim-19', edit_distance(hex(zeroblob(600000)), replace(hex(zeroblob(600000)), '0', '1'));
-- flags
select 'flags', name, narg, flags & 0x200800 from pragma_function_list where name in ('similarity', 'edit_distance') order by name, narg;

-- the recipe: corpus weights from the transcript and the story
create table passages(id integer primary key, doc, ord, body);
insert into passages(doc, ord, body) select 0, ord, sentence from sentences(readfile('seeds/000_6509a3bfd608f096.txt'));
insert into passages(doc, ord, body) select 1, ord, sentence from sentences(readfile('seeds/001_9fd1b6ce6b6098c2.txt'));
.read sql/recipe_corpus_weights.sql
select 'recipe-01', count(*) > 100, min(idf) > 0 from corpus_idf;
select 'recipe-02', printf('%.6f', cosine) from passage_cosine where a = 1 and b = 1;
-- Story sentence 5 ("a solid security framework ... reconstruction") is best
-- matched by transcript sentence 48 ("... on a solid security foundation").
select 'recipe-03', s.ord, (select t.ord from passage_cosine c join passages t on t.id = c.b
                            where c.a = s.id and t.doc = 1 order by c.cosine desc limit 1)
  from passages s where s.doc = 0 and s.ord in (3, 5);
