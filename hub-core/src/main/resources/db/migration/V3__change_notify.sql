-- Wakes long-polling change-feed readers: one notification per writing statement, delivered
-- by PostgreSQL only after the transaction commits (and folded into one per transaction).
create function record_version_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('lienthong_changes', '');
    return null;
end;
$$;

create trigger record_version_notify
    after insert on record_version
    for each statement execute function record_version_notify();
