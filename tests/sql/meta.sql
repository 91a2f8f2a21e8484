.load ./dist/verbatim
select 'version', verbatim_version();
select 'debug-has-sqlite', verbatim_debug() like '%sqlite: 3.%';
select 'lang-error';
select * from sentences('x', 'xx');
