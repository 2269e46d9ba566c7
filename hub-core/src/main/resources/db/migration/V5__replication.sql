-- Hub-to-hub replication: where each replicated version came from, and the conflicts found.

-- One row per version received from another hub: the hop in the record's lineage.
create table hop (
    hash        char(64)    not null references record_version (hash),
    record_id   uuid        not null,
    from_hub    text        not null,
    received_by text        not null,   -- the connector identity (token subject) that delivered it
    received_at timestamptz not null default now(),
    primary key (hash, from_hub)
);

-- Concurrent edits on two hubs. Both versions are kept; the merge version records the
-- deterministic winner. Listed at /api/v1/conflicts until someone marks it resolved.
create table conflict (
    id             uuid        primary key,
    record_id      uuid        not null,
    kind           text        not null,
    owner          text        not null,
    local_hash     char(64)    not null,
    incoming_hash  char(64)    not null,
    winner_hash    char(64)    not null,
    merge_hash     char(64)    not null,
    detected_at    timestamptz not null default now(),
    resolved_at    timestamptz,
    resolved_by    text,
    resolution     text        check (length(resolution) <= 2000)
);

create index conflict_open on conflict (detected_at) where resolved_at is null;
create index hop_record on hop (record_id);
