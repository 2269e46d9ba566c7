-- Content is stored as json (the text the hub wrote, checked but not converted) instead of
-- jsonb. Every read returns the content as text, and converting jsonb back to text was most of
-- PostgreSQL's time for a change-feed page (bench/run). Containment filters use a GIN index on
-- the jsonb form of the same text, which PostgreSQL computes once, on insert.
drop index record_version_content;
alter table record_version alter column content type json using content::json;
create index record_version_content on record_version using gin ((content::jsonb) jsonb_path_ops);
