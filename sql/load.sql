-- run: sqlite3 demo.db < sql/load.sql   (from the repository root; options below)
-- SPDX-License-Identifier: MIT
--
-- load.sql -- load a folder of documents into the table
--   docs(id, name, body, role)
-- with the sqlite3 shell's fsdir() (which also reads each file).
--
-- Which folder, and which document is the source, come from shell
-- parameters, all optional:
--   @docs     the folder (default 'seeds'); every regular file under it whose
--             name ends in .txt is a document.  name is its path relative to
--             the folder, id numbers the documents in name order.
--   @source   a file name, or a prefix of one ('001'), that is THE source; all
--             other documents are stories.  Without it, the folder's
--             manifest.csv decides: lines "file,role" with role 'source' or
--             'story' (a first line "file,role" is a header; a file the
--             manifest does not list is a story).
-- For example:
--   sqlite3 demo.db -cmd ".parameter set @docs \"'my/folder'\"" \
--                   -cmd ".parameter set @source \"'interview'\"" < sql/load.sql
-- sql/run-demo.sh --docs DIR --source NAME does this for you.
--
-- The script stops with an error (and -bail, a non-zero exit) when the
-- folder cannot be read or has no documents, when @source matches none or
-- several, or when no document ends up as a source or as a story.  It
-- replaces any earlier docs table.
-- body is TEXT: each file is read as UTF-8 (invalid bytes are kept as they
-- are; verbatim's functions count them as SQLite does).

drop table if exists docs;
create table docs(
  id integer primary key,  -- 1, 2, ... in name order
  name text not null unique,  -- path relative to the folder
  body text not null,  -- the file's contents
  role text not null check (role in ('source', 'story'))
);

-- Errors are raised from a trigger, the one place plain SQL can raise them.
drop table if exists temp.load_check;
create temp table load_check(message text);
create temp trigger load_check_fail before insert on load_check
begin
  -- RAISE takes only a literal message, hence one case per check.
  select case new.message
    when 'empty' then raise(abort, 'load.sql: no .txt documents in the @docs folder')
    when 'unknown source' then raise(abort, 'load.sql: no document name starts with @source')
    when 'several sources' then raise(abort, 'load.sql: several document names start with @source')
    when 'no source' then raise(abort, 'load.sql: no source document: name one with @source, or mark it in manifest.csv')
    when 'no story' then raise(abort, 'load.sql: no story documents: every document is a source')
  end;
end;

create temp table load_options as
select coalesce(nullif(rtrim(coalesce(@docs, 'seeds'), '/'), ''), '/') as folder, @source as source;

insert into docs(name, body, role)
select substr(f.name, length(o.folder) + 2), cast(f.data as text), 'story'
from temp.load_options o, fsdir(o.folder) f
where f.mode & 0xF000 = 0x8000  -- regular files only
  and f.name like '%.txt'
order by 1;

insert into load_check
select 'empty'
from temp.load_options
where not exists (select 1 from docs);

-- The manifest, "file,role" per line, split with a recursive CTE.
with recursive
  manifest_text(rest) as (
    select replace(cast(f.data as text), char(13), '') || char(10)
    from temp.load_options o, fsdir(o.folder) f
    where f.name = o.folder || '/manifest.csv'
  ),
  lines(line, rest) as (
    select null, rest from manifest_text
    union all
    select substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1)
    from lines where rest <> ''
  ),
  entries(file, role) as (
    select trim(substr(line, 1, instr(line, ',') - 1)), lower(trim(substr(line, instr(line, ',') + 1)))
    from lines where instr(line, ',') > 0
  )
update docs set role = 'source'
where (select source from temp.load_options) is null
  and name in (select file from entries where role = 'source');

insert into load_check
select 'unknown source'
from temp.load_options o
where source is not null
  and not exists (select 1 from docs where name = o.source or name like o.source || '%');

insert into load_check
select 'several sources'
from temp.load_options o
where source is not null
  and not exists (select 1 from docs where name = o.source)
  and (select count(*) from docs where name like o.source || '%') > 1;

update docs set role = 'source'
where name = (select coalesce((select name from docs, temp.load_options o where name = o.source),
                              (select name from docs, temp.load_options o where name like o.source || '%')));

insert into load_check
select 'no source'
where not exists (select 1 from docs where role = 'source');

insert into load_check
select 'no story'
where not exists (select 1 from docs where role = 'story');

drop table temp.load_options;
drop trigger temp.load_check_fail;
drop table temp.load_check;
