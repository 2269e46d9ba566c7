-- List filters (status, hazardCode, domain, adminCode) match terms the hub keeps on each head, for the record's
-- current content (ListTerms): 'status=open', 'hazardCode=FLOOD', 'domain=…', one 'adminCode=…' per code in
-- location.adminCodes or areas[].adminCodes, string values only.
--
-- They were JSON containment queries through a GIN index over the content of every version ever written, although
-- lists only ever show current versions. That index made every insert into record_version parse the content a second
-- time and grew with history; it goes, and no index on record_version reads its content any more.
--
-- What each index on the two tables is for, after this migration:
--   record_head primary key (id)                       gets, locks and the head join of every read
--   record_head_source_ref_unique (kind, system, id)   upsert by source reference (ON CONFLICT)
--   record_head_kind_id (kind, id)                     GET /api/v1/{kinds} pages, by id
--   record_head_kind_owner_id (kind, owner, id)        the same with owner=
--   record_head_kind_updated (kind, updated_at)        the same with updatedSince=
--   record_head_terms, GIN (terms)                     the same with status=, hazardCode=, domain=, adminCode=
--   record_version primary key (record_id, version)    a record's history, the head join, the audit verifier
--   record_version_hash_unique (hash)                  a version is held once across the federation; by-hash lookups
--   record_version_txid_seq (txid, seq)                the change feed and the audit export, in feed order
alter table record_head add column terms text[] not null default '{}';

update record_head h
   set terms = array(
       select distinct t from (
           select 'status=' || (v.content::jsonb ->> 'status') as t
            where jsonb_typeof(v.content::jsonb -> 'status') = 'string'
           union all
           select 'hazardCode=' || (v.content::jsonb ->> 'hazardCode')
            where jsonb_typeof(v.content::jsonb -> 'hazardCode') = 'string'
           union all
           select 'domain=' || (v.content::jsonb ->> 'domain')
            where jsonb_typeof(v.content::jsonb -> 'domain') = 'string'
           union all
           select 'adminCode=' || (code #>> '{}')
             from jsonb_path_query(v.content::jsonb, 'strict $.location.adminCodes[*]', '{}', true) code
            where jsonb_typeof(code) = 'string'
           union all
           select 'adminCode=' || (code #>> '{}')
             from jsonb_path_query(v.content::jsonb, 'strict $.areas[*].adminCodes[*]', '{}', true) code
            where jsonb_typeof(code) = 'string') terms)
  from record_version v
 where v.record_id = h.id and v.version = h.version;

create index record_head_terms on record_head using gin (terms);

drop index record_version_content;
