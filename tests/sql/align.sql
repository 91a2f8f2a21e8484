.load ./dist/verbatim
select 'changed and added words';
select ord, a_start, a_length, a_text, b_start, b_length, b_text, round(score, 3), words
  from align('Officials said the bridge over the river was closed for repairs.',
             'The bridge over the canal was closed for urgent repairs, officials said.');
select 'identical';
select ord, a_start, a_length, b_start, b_length, score, words
  from align('Prices rose sharply in the capital last month.', 'Prices rose sharply in the capital last month.');
select 'inflection and case do not matter';
select a_text, b_text, score, words
  from align('The ministers APPROVED new budgets', 'the minister approves the new budget');
select 'two passages, best first';
select ord, a_text, b_text, words from align(
  'Harvest yields fell sharply across the northern provinces this year. Nothing else here is shared at all, really. Parliament voted against the emergency budget measures on Tuesday.',
  'Parliament voted against the emergency budget measures, to general surprise. Meanwhile harvest yields fell sharply across the northern provinces.');
select 'min_words';
select count(*) from align('red green blue', 'red green blue');
select count(*) from align('red green blue', 'red green blue', 3);
select words from align('red green blue', 'red green blue', 1);
select count(*) from align where a = 'red green blue yellow' and b = 'red green blue yellow' and min_words = 4;
select 'no shared passage';
select count(*) from align('Apples oranges pears plums grapes.', 'Cars trucks buses trains planes.', 1);
select 'null, empty, numbers';
select count(*) from align(NULL, 'a b c d e');
select count(*) from align('a b c d e', NULL);
select count(*) from align('', 'red green blue yellow black');
select ord, a_text, b_text from align(1234567, 'x 1234567 y', 1);
select 'substr invariant with multi-byte and invalid utf-8';
select a_text = substr(a, a_start, a_length), b_text = substr(b, b_start, b_length), a_text, b_text
  from align('Zürich’s café owners said “prices rose sharply again” on Monday',
             cast(x'ff' as text) || 'Café owners in Zürich said prices rose sharply again, they reported', 3);
select 'blob documents count bytes';
select a_start, a_length, typeof(a_text), b_start, b_length, typeof(b_text), substr(a, a_start, a_length) = a_text
  from align(cast('é red green blue yellow' as blob), 'red green blue yellow', 3);
select 'errors';
select * from align('a', 'b', 0);
select * from align('a', 'b', 'five');
select * from align('a', 'b', 2.5);
select * from align('a');
