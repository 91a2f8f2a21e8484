.load ./dist/verbatim
-- the 'verbatim' FTS5 tokenizer: stems, so "runs" finds "running"
create virtual table docs using fts5(body, tokenize = 'verbatim en');
insert into docs(rowid, body) values
  (1, 'The minister was running late.'),
  (2, 'Putin’s aides RAN the “talks”.'),
  (3, 'Négociations à Genève — 3.5% growth'),
  (4, 'He runs; they ran.');
select 'fts-01', rowid, highlight(docs, 0, '[', ']') from docs where docs match 'runs' order by rowid;
select 'fts-02', rowid, highlight(docs, 0, '[', ']') from docs where docs match 'putin talk' order by rowid;
-- accents are kept (fold is NFKC + case fold, not accent stripping): no row
select 'fts-03', rowid, highlight(docs, 0, '[', ']') from docs where docs match 'negociations' order by rowid;
select 'fts-04', rowid, highlight(docs, 0, '[', ']') from docs where docs match 'NÉGOCIATION' order by rowid;
select 'fts-05', rowid, highlight(docs, 0, '[', ']') from docs where docs match '"3.5"' order by rowid;
select 'fts-06', rowid, highlight(docs, 0, '<', '>') from docs where docs match 'NEAR(minister late, 2)' order by rowid;
-- the indexed terms are the stems of tokens()
create virtual table v using fts5vocab(docs, 'row');
select 'fts-07', group_concat(term, ' ') from (select term from v order by term);
select 'fts-08', (select group_concat(stem, ' ') from (select distinct stem from docs, tokens(docs.body)
  where kind in ('word', 'number') order by stem)) = (select group_concat(term, ' ') from (select term from v order by term));
-- a language argument: Russian stems
create virtual table ru using fts5(body, tokenize = 'verbatim ru');
insert into ru values ('Путин сказал: «Мы работаем над этим».');
select 'fts-09', highlight(ru, 0, '[', ']') from ru where ru match 'работать';
select 'fts-10', highlight(ru, 0, '[', ']') from ru where ru match 'сказали';
-- offsets in bytes give the right characters in highlight() and snippet()
select 'fts-11', snippet(ru, 0, '[', ']', '…', 3) from ru where ru match 'путина';
-- prefix queries are stemmed like any term (README): run* finds running, a prefix
-- longer than the stem finds nothing
insert into docs(rowid, body) values (5, 'Negotiations resumed');
select 'fts-14', group_concat(rowid) from docs where docs match 'run*';
select 'fts-15', count(*) from docs where docs match 'negotiat*';
select 'fts-16', group_concat(rowid) from docs where docs match 'nego*';
-- an unknown language, or a second argument, fails the table
select 'fts-12';
create virtual table bad using fts5(body, tokenize = 'verbatim xx');
select 'fts-13';
create virtual table bad2 using fts5(body, tokenize = 'verbatim en ru');
