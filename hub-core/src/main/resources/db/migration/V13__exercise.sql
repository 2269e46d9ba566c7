-- Drills: whether a version is an exercise, i.e. its content has "exercise": true (hub-api Threat; only threats have
-- the field so far).
--
-- Lists and the change feed leave exercise versions out unless the caller asks for them (include=exercise), and sink
-- connectors get them only when they say so; they filter on this column, never on the content. The audit export, the
-- checkpoints' hash chain and the verifier read every version regardless.
--
-- A generated column rather than one the hub sets: PostgreSQL computes it from the content on every insert, whatever
-- the write path (create, update, delete, ingest, replica, merge, derive), so it can never disagree with the content
-- it describes, which the version's hash covers. Only a JSON true counts ("true" as a string, null or absent is false).
-- Adding it fills it in for the rows already there (a threat written with "exercise": true before this migration
-- comes out true) by rewriting the table once, with no UPDATE, so record_version's insert-only trigger is not involved.
-- Lists read the current version through the head join (on (id, version)), so record_head needs no copy of it.
alter table record_version add column exercise boolean not null
    generated always as (coalesce((content -> 'exercise')::jsonb = 'true'::jsonb, false)) stored;
