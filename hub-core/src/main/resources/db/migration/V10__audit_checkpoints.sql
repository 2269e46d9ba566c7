-- Signed audit checkpoints over the change log (org.lienthong.hub.audit.checkpoint).
--
-- The hash chain runs over every version in change-feed order (txid, seq):
--   chain_0 = 64 zeros, chain_n = SHA-256(ASCII(hex(chain_n-1) || hex(hash of version n))), lowercase hex.
-- A checkpoint is the chain head at position n, signed with Ed25519. Each new checkpoint continues from
-- the previous one, so it only reads the versions written since.

-- Public keys that signed checkpoints, kept for as long as their checkpoints are. The private key is
-- stored only for the key the hub generates itself when no key file (hub.audit.signing-key) is configured:
-- convenient for development, but production should provide a key file (a Kubernetes Secret).
create table audit_key (
    key_id      text        primary key check (key_id ~ '^[0-9a-f]{16}$'),   -- first 16 hex of SHA-256(X.509 key)
    algorithm   text        not null check (algorithm = 'Ed25519'),
    public_key  bytea       not null,   -- X.509 SubjectPublicKeyInfo (DER)
    private_key bytea,                  -- PKCS#8 (DER); only for the generated key
    generated   boolean     not null,
    created_at  timestamptz not null default now(),
    constraint audit_key_private_only_generated check ((private_key is not null) = generated)
);

-- at most one generated key: hub processes sharing the database agree on it (INSERT … ON CONFLICT DO NOTHING)
create unique index audit_key_one_generated on audit_key (generated) where generated;

create table audit_checkpoint (
    position    bigint      primary key check (position >= 0),   -- versions covered: the first n of the feed
    last_txid   xid8,                   -- feed position (txid, seq) of version n; null at position 0
    last_seq    bigint,
    last_hash   char(64),               -- hash of version n; null at position 0
    chain       char(64)    not null,   -- chain_n
    statement   text        not null,   -- the canonical JSON that was signed (UTF-8)
    signature   text        not null,   -- base64 Ed25519 signature of the statement
    key_id      text        not null references audit_key (key_id),
    created_at  timestamptz not null,
    constraint audit_checkpoint_last_whole check (
        (last_txid is null) = (position = 0) and (last_seq is null) = (position = 0)
        and (last_hash is null) = (position = 0))
);

-- Checkpoints are insert-only, like versions.
create function audit_checkpoint_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'audit_checkpoint is insert-only (% refused)', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger audit_checkpoint_no_update_delete
    before update or delete on audit_checkpoint
    for each row execute function audit_checkpoint_immutable();
