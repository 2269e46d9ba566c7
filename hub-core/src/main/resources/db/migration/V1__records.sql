-- The canonical record store. Every write (API, bulk ingest, connector, replication)
-- goes through RecordService in one transaction that updates record_head and inserts
-- one row into record_version; record_version doubles as the change log.

-- The current state of each record: what gets, lists and locks read.
create table record_head (
    id             uuid        primary key,
    kind           text        not null check (kind in ('threat', 'incident', 'resource')),
    version        integer     not null check (version >= 1),
    owner          text        not null,
    classification text        not null check (classification in ('public', 'internal', 'restricted', 'secret')),
    source_system  text,
    source_id      text,
    deleted        boolean     not null default false,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    hash           char(64)    not null,
    content        jsonb       not null,
    -- a source reference is both parts or neither
    constraint record_head_source_ref_whole check ((source_system is null) = (source_id is null)),
    -- idempotent upsert by source reference relies on this constraint (INSERT … ON CONFLICT),
    -- never on search-then-insert; rows without a source reference never collide (NULLs are distinct)
    constraint record_head_source_ref_unique unique (kind, source_system, source_id)
);

-- Lists page by id (time-ordered UUIDv7) within a kind, optionally per owner.
create index record_head_kind_id on record_head (kind, id);
create index record_head_kind_owner_id on record_head (kind, owner, id);
create index record_head_kind_updated on record_head (kind, updated_at);
-- status, hazardCode, domain and adminCode filters are jsonb containment (@>) queries.
create index record_head_content on record_head using gin (content jsonb_path_ops);

-- Every version ever written, immutable. The primary key forbids two version n of one
-- record, so two writers that both read version n cannot both write n + 1.
create table record_version (
    record_id      uuid        not null references record_head (id),
    version        integer     not null check (version >= 1),
    kind           text        not null,
    owner          text        not null,
    classification text        not null,
    source_system  text,
    source_id      text,
    deleted        boolean     not null,
    content        jsonb       not null,
    activity       text        not null check (activity in ('create', 'update', 'delete', 'import', 'replicate', 'merge')),
    author_org     text        not null,
    author_subject text        not null,
    recorded_at    timestamptz not null,
    origin_hub     text        not null,
    connector      text,
    -- SHA-256 over the canonical JSON of the version (see VersionHash); identifies the
    -- version across the federation, so a hub never holds the same version twice.
    hash           char(64)    not null,
    parents        text[]      not null,
    -- change-log order: the writing transaction's id (read below the xmin horizon), then seq
    txid           xid8        not null default pg_current_xact_id(),
    seq            bigint      generated always as identity,
    primary key (record_id, version),
    constraint record_version_hash_unique unique (hash)
);

create index record_version_txid_seq on record_version (txid, seq);

-- Versions are insert-only: an UPDATE or DELETE through the hub's own connection is a bug
-- and is refused here too. (Edits made by disabling this trigger are what the audit
-- verification detects.)
create function record_version_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'record_version is insert-only (% refused)', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger record_version_no_update_delete
    before update or delete on record_version
    for each row execute function record_version_immutable();
