-- Connector instances, their lanes (a source lane and/or a sink lane), dead letters and the
-- activity log that lineage shows. See org.lienthong.hub.connector.

create table connector_instance (
    name             text        primary key check (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    type             text        not null,
    config           jsonb       not null,                  -- non-secret values, typed
    secrets          jsonb       not null default '{}',     -- write-only: never returned, never logged
    act_as_org       text        not null,
    act_as_clearance text        not null,
    desired          text        not null check (desired in ('running', 'paused')),
    generation       integer     not null default 1,        -- bumped by each reconfiguration
    run_requested    boolean     not null default false,
    failure          text,                                  -- why the instance failed (null: not failed)
    failed_at        timestamptz,
    restarts         integer     not null default 0,        -- consecutive automatic restarts
    restart_at       timestamptz,
    lease_owner      text,                                  -- the hub process running it
    lease_until      timestamptz,
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    updated_at       timestamptz not null default now(),
    updated_by       text        not null
);

create table connector_lane (
    instance             text        not null references connector_instance (name) on delete cascade,
    lane                 text        not null check (lane in ('source', 'sink')),
    checkpoint           text,       -- source: opaque to the hub; sink: a change-feed cursor
    last_run_at          timestamptz,
    last_success_at      timestamptz,
    next_run_at          timestamptz,
    last_error           text,
    last_error_at        timestamptz,
    consecutive_failures integer     not null default 0,
    runs                 bigint      not null default 0,
    items                bigint      not null default 0,
    failures             bigint      not null default 0,
    primary key (instance, lane)
);

create table dead_letter (
    id          uuid        primary key,
    instance    text        not null references connector_instance (name) on delete cascade,
    lane        text        not null check (lane in ('source', 'sink')),
    item_type   text        not null check (item_type in ('upsert', 'replica', 'change')),
    kind        text,
    record_id   uuid,
    hash        char(64),
    payload     text        not null,   -- the item as the connector gave it / the change as delivered
    detail      text,                   -- fromHub for replicas
    reason      text        not null,
    attempts    integer     not null default 1,
    status      text        not null default 'open' check (status in ('open', 'replayed', 'discarded')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    closed_by   text
);

create index dead_letter_open on dead_letter (instance, created_at) where status = 'open';

-- What connectors did to records outside ordinary versions: dead-lettered, replayed, discarded.
create table connector_activity (
    id              bigint      generated always as identity primary key,
    instance        text        not null,
    record_id       uuid,
    action          text        not null check (action in ('dead-letter', 'replay', 'discard')),
    dead_letter_id  uuid,
    actor           text        not null,
    detail          text,
    at              timestamptz not null default now()
);

create index connector_activity_record on connector_activity (record_id) where record_id is not null;
