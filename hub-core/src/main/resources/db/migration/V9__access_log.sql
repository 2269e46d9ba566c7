-- Who read or wrote which record, when, and through which path. Append-only: rows are never
-- changed, and removed only by the hub's retention job (hub.audit.access-retention).
create table access_log (
    id         bigint      generated always as identity primary key,
    at         timestamptz not null default now(),
    subject    text        not null,
    org        text        not null,
    roles      text[]      not null,
    path       text        not null check (path in ('api', 'feed', 'connector')),
    action     text        not null check (action in ('read', 'write')),
    kind       text,
    record_id  uuid        not null
);

create index access_log_record on access_log (record_id, at);
create index access_log_subject on access_log (subject, at);
create index access_log_at on access_log (at);

create function access_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('lienthong.retention', true) = 'on' then
        return old;
    end if;
    raise exception 'access_log is append-only (% refused)', tg_op using errcode = 'P0001';
end $$;

create trigger access_log_no_update_delete
    before update or delete on access_log
    for each row execute function access_log_append_only();
