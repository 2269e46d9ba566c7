-- The current content lives once, in its version row: record_head keeps only the envelope and
-- points at the current version (id, version). Every write then stores and parses the content
-- once instead of twice, and head updates are small. Content filters of lists search the
-- versions' GIN index and keep the rows that are current (joined on (id, version)).
drop index record_head_content;
alter table record_head drop column content;
create index record_version_content on record_version using gin (content jsonb_path_ops);
