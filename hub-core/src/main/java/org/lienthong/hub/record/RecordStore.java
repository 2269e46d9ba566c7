package org.lienthong.hub.record;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.access.Visibility;
import org.postgresql.PGConnection;

/**
 * SQL access to {@code record_head} and {@code record_version}. Callers hold the JTA transaction
 * ({@link RecordService}); the connections obtained here are enlisted in it, so a head update and its version insert
 * commit or roll back together.
 */
@ApplicationScoped
public class RecordStore {

    /** A version joined with its record's creation time: what reads return. */
    /**
     * @param rawContent
     *            the content as PostgreSQL printed it, when it was read for rendering only; then
     *            {@code version().content()} is {@code null} and nothing was parsed
     */
    public record Stored(VersionRow version, Instant createdAt, String rawContent) {
        public Stored(VersionRow version, Instant createdAt) {
            this(version, createdAt, null);
        }
    }

    /** The columns {@link #read} expects, in order; {@code v} is the version, {@code h} its head. */
    public static final String VERSION_COLUMNS = """
            v.record_id, v.kind, v.version, v.owner, v.classification, v.source_system, v.source_id,
            v.deleted, v.content::text, v.activity, v.author_org, v.author_subject, v.recorded_at,
            v.origin_hub, v.connector, v.hash, v.parents, h.created_at, v.author_role, v.derivation::text""";

    /** How many columns {@link #VERSION_COLUMNS} names: a query's own columns come after them. */
    public static final int VERSION_COLUMN_COUNT = VERSION_COLUMNS.split(",").length;

    private static final String HEAD_JOIN = """
            from record_head h join record_version v on v.record_id = h.id and v.version = h.version""";

    @Inject
    DataSource dataSource;

    @Inject
    org.lienthong.hub.config.HubMetrics metrics;

    /** The current version of a record of this kind, or empty. No lock. */
    public Optional<Stored> head(String kind, UUID id) {
        return one("select " + VERSION_COLUMNS + " " + HEAD_JOIN + " where h.id = ? and h.kind = ?", ps -> {
            ps.setObject(1, id);
            ps.setString(2, kind);
        });
    }

    /**
     * The current version, with the head row locked until the transaction ends: concurrent writers of one record queue
     * here, and each sees the version the one before it wrote.
     *
     * <p>
     * Throws {@link RetryTransaction} when that version was written by a transaction with a larger id than ours (we got
     * our id before the lock was granted, and a later transaction got the lock first): a version written now would come
     * before its parent in the change feed. See {@link OrderRetry}.
     *
     * <p>
     * Two statements on purpose. A {@code SELECT … FOR UPDATE} that joins the version table would, after waiting for
     * the lock, re-check the newer head row against the version row of its <em>old</em> snapshot (PostgreSQL's
     * EvalPlanQual) and return a stale or no version. Locking the head alone and then reading with a fresh statement (a
     * new snapshot under READ COMMITTED) sees exactly what the previous lock holder committed.
     */
    public Optional<Stored> lockHead(String kind, UUID id) {
        return lockThenRead(kind, "select id from record_head where id = ? and kind = ? for update", ps -> {
            ps.setObject(1, id);
            ps.setString(2, kind);
        });
    }

    /** As {@link #lockHead}, found by source reference. */
    public Optional<Stored> lockHeadBySource(String kind, String system, String sourceId) {
        return lockThenRead(kind,
                "select id from record_head where kind = ? and source_system = ? and source_id = ? for update", ps -> {
                    ps.setString(1, kind);
                    ps.setString(2, system);
                    ps.setString(3, sourceId);
                });
    }

    private Optional<Stored> lockThenRead(String kind, String lockSql, Binder binder) {
        UUID locked;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(lockSql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                locked = rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        // the lock gave this transaction its id if it had none, so pg_current_xact_id() assigns nothing here
        String sql = "select " + VERSION_COLUMNS + ", v.txid > pg_current_xact_id() " + HEAD_JOIN
                + " where h.id = ? and h.kind = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, locked);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("record head vanished while locked: " + locked);
                }
                if (rs.getBoolean(VERSION_COLUMN_COUNT + 1)) {
                    throw new RetryTransaction(kind + " " + locked + " was written by a newer transaction");
                }
                return Optional.of(read(rs));
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Inserts the head of a new record unless one with the same source reference exists.
     *
     * @return {@code false} when the source reference is taken (nothing written)
     */
    public boolean insertHead(VersionRow v) {
        String sql = """
                insert into record_head (id, kind, version, owner, classification, source_system, source_id,
                                         deleted, created_at, updated_at, hash, terms)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)))
                on conflict (kind, source_system, source_id) do nothing""";
        return update(sql, ps -> {
            ps.setObject(1, v.id());
            ps.setString(2, v.kind());
            ps.setInt(3, v.version());
            ps.setString(4, v.owner());
            ps.setString(5, v.classification());
            ps.setString(6, v.sourceSystem());
            ps.setString(7, v.sourceId());
            ps.setBoolean(8, v.deleted());
            ps.setObject(9, timestamp(v.recordedAt()));
            ps.setObject(10, timestamp(v.recordedAt()));
            ps.setString(11, v.hash());
            ps.setString(12, ListTerms.json(v.content()));
        }) == 1;
    }

    /** Moves the head of an existing record to {@code v}. */
    public void updateHead(VersionRow v) {
        String sql = """
                update record_head
                   set version = ?, owner = ?, classification = ?, source_system = ?, source_id = ?,
                       deleted = ?, updated_at = ?, hash = ?, terms = array(select jsonb_array_elements_text(?::jsonb))
                 where id = ?""";
        int rows = update(sql, ps -> {
            ps.setInt(1, v.version());
            ps.setString(2, v.owner());
            ps.setString(3, v.classification());
            ps.setString(4, v.sourceSystem());
            ps.setString(5, v.sourceId());
            ps.setBoolean(6, v.deleted());
            ps.setObject(7, timestamp(v.recordedAt()));
            ps.setString(8, v.hash());
            ps.setString(9, ListTerms.json(v.content()));
            ps.setObject(10, v.id());
        });
        if (rows != 1) {
            throw new IllegalStateException("record head vanished while locked: " + v.id());
        }
    }

    /** Appends a version (the change-log entry); its transaction id is taken by the column default. */
    public void insertVersion(VersionRow v) {
        metrics.written(v.kind(), v.activity(), 1);
        String sql = """
                insert into record_version (record_id, version, kind, owner, classification, source_system,
                    source_id, deleted, content, activity, author_org, author_subject, recorded_at, origin_hub,
                    connector, hash, parents, author_role, derivation)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, v.id());
            ps.setInt(2, v.version());
            ps.setString(3, v.kind());
            ps.setString(4, v.owner());
            ps.setString(5, v.classification());
            ps.setString(6, v.sourceSystem());
            ps.setString(7, v.sourceId());
            ps.setBoolean(8, v.deleted());
            ps.setString(9, v.canonicalContent());
            ps.setString(10, v.activity());
            ps.setString(11, v.authorOrg());
            ps.setString(12, v.authorSubject());
            ps.setObject(13, timestamp(v.recordedAt()));
            ps.setString(14, v.originHub());
            ps.setString(15, v.connector());
            ps.setString(16, v.hash());
            Array parents = c.createArrayOf("text", v.parents().toArray());
            ps.setArray(17, parents);
            ps.setString(18, v.authorRole());
            ps.setString(19, v.derivation() == null ? null : RecordJson.write(v.derivation()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** All versions of a record, oldest first. */
    public List<Stored> versions(String kind, UUID id) {
        return manyRaw("select " + VERSION_COLUMNS + " from record_head h join record_version v on v.record_id = h.id"
                + " where h.id = ? and h.kind = ? order by v.version", ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, kind);
                });
    }

    /** One version of a record. */
    public Optional<Stored> version(String kind, UUID id, int number) {
        return oneRaw("select " + VERSION_COLUMNS + " from record_head h join record_version v on v.record_id = h.id"
                + " where h.id = ? and h.kind = ? and v.version = ?", ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, kind);
                    ps.setInt(3, number);
                });
    }

    // --- batch operations for bulk ingest: one statement per step for a whole chunk

    /** A source reference key. */
    public record SourceKey(String kind, String system, String id) {
    }

    /**
     * Locks the heads of existing records with these source references (in id order, so concurrent batches cannot
     * deadlock on each other) and returns their ids. Throws {@link RetryTransaction} when one of them was written by a
     * transaction with a larger id than ours, as {@link #lockHead} does.
     */
    public java.util.Map<SourceKey, UUID> lockBySource(List<SourceKey> keys) {
        String sql = """
                select h.id, h.kind, h.source_system, h.source_id
                  from record_head h
                  join unnest(?::text[], ?::text[], ?::text[]) as k(kind, system, sid)
                    on h.kind = k.kind and h.source_system = k.system and h.source_id = k.sid
                 order by h.id
                   for update of h""";
        java.util.Map<SourceKey, UUID> out = bySource(sql, keys);
        if (writtenByLaterTransaction(out.values())) {
            throw new RetryTransaction("a record in the batch was written by a newer transaction");
        }
        return out;
    }

    /** Current versions of these records (read after locking, with a fresh statement). */
    public List<Stored> heads(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return manyWithArray("select " + VERSION_COLUMNS + " " + HEAD_JOIN + " where h.id = any(?)", ids);
    }

    /**
     * Whether any of these records' current versions was written by a transaction with a larger id than ours, checked
     * once all their locks are held. The change feed orders by transaction id; a batch that writes such a record would
     * be delivered before the version it follows, so it must retry with a new transaction.
     */
    private boolean writtenByLaterTransaction(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return false;
        }
        String sql = """
                select exists (select 1 from record_head h
                                 join record_version v on v.record_id = h.id and v.version = h.version
                                where h.id = any(?) and v.txid > pg_current_xact_id())""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The ids among {@code ids} that the predicate admits. */
    public java.util.Set<UUID> visibleAmong(java.util.Collection<UUID> ids, Visibility.Predicate predicate) {
        java.util.Set<UUID> out = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        String sql = "select h.id from record_head h where h.id = any(?) and (" + predicate.sql() + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            int i = 2;
            for (Object p : predicate.params()) {
                ps.setObject(i++, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /** Inserts heads for new records; returns the ids inserted (a source reference taken meanwhile is skipped). */
    public java.util.Set<UUID> insertHeads(List<VersionRow> rows) {
        java.util.Set<UUID> out = new java.util.HashSet<>();
        if (rows.isEmpty()) {
            return out;
        }
        String sql = """
                insert into record_head (id, kind, version, owner, classification, source_system, source_id,
                                         deleted, created_at, updated_at, hash, terms)
                select u.id, u.kind, 1, u.owner, u.classification, u.system, u.sid, false, u.at, u.at, u.hash,
                       array(select jsonb_array_elements_text(u.terms::jsonb))
                  from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                              ?::text[], ?::text[]) as u(id, kind, owner, classification, system, sid, at, hash, terms)
                    on conflict (kind, source_system, source_id) do nothing
                returning id""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, column(c, "uuid", rows, VersionRow::id));
            ps.setArray(2, column(c, "text", rows, VersionRow::kind));
            ps.setArray(3, column(c, "text", rows, VersionRow::owner));
            ps.setArray(4, column(c, "text", rows, VersionRow::classification));
            ps.setArray(5, column(c, "text", rows, VersionRow::sourceSystem));
            ps.setArray(6, column(c, "text", rows, VersionRow::sourceId));
            ps.setArray(7, column(c, "text", rows, r -> CanonicalJson.formatInstant(r.recordedAt())));
            ps.setArray(8, column(c, "text", rows, VersionRow::hash));
            ps.setArray(9, column(c, "text", rows, r -> ListTerms.json(r.content())));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /** Moves the heads of existing records to these versions. */
    public void updateHeads(List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = """
                update record_head h
                   set version = u.version, owner = u.owner, classification = u.classification,
                       source_system = u.system, source_id = u.sid, deleted = u.deleted, updated_at = u.at,
                       hash = u.hash, terms = array(select jsonb_array_elements_text(u.terms::jsonb))
                  from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                              ?::timestamptz[], ?::text[], ?::text[])
                       as u(id, version, owner, classification, system, sid, deleted, at, hash, terms)
                 where h.id = u.id""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, column(c, "uuid", rows, VersionRow::id));
            ps.setArray(2, column(c, "int4", rows, VersionRow::version));
            ps.setArray(3, column(c, "text", rows, VersionRow::owner));
            ps.setArray(4, column(c, "text", rows, VersionRow::classification));
            ps.setArray(5, column(c, "text", rows, VersionRow::sourceSystem));
            ps.setArray(6, column(c, "text", rows, VersionRow::sourceId));
            ps.setArray(7, column(c, "bool", rows, VersionRow::deleted));
            ps.setArray(8, column(c, "text", rows, r -> CanonicalJson.formatInstant(r.recordedAt())));
            ps.setArray(9, column(c, "text", rows, VersionRow::hash));
            ps.setArray(10, column(c, "text", rows, r -> ListTerms.json(r.content())));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Appends versions in one statement, in list order (the change feed's order within the transaction). */
    public void insertVersions(List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        rows.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.kind() + "/" + r.activity(),
                java.util.stream.Collectors.counting())).forEach((k, n) -> {
                    int slash = k.indexOf('/');
                    metrics.written(k.substring(0, slash), k.substring(slash + 1), n.intValue());
                });
        // COPY, the cheapest way into a table: no statement per row, no arrays for PostgreSQL to parse, and each
        // column in the text form PostgreSQL reads (CopyText). The transaction id comes from the column default.
        String sql = """
                copy record_version (record_id, version, kind, owner, classification, source_system, source_id,
                    deleted, content, activity, author_org, author_subject, author_role, recorded_at, origin_hub,
                    connector, hash, parents, derivation) from stdin""";
        try (Connection c = dataSource.getConnection();
                CopyText copy = new CopyText(c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql))) {
            for (VersionRow r : rows) {
                copy.field(r.id().toString()).field(Integer.toString(r.version())).field(r.kind()).field(r.owner())
                        .field(r.classification()).field(r.sourceSystem()).field(r.sourceId())
                        .field(r.deleted() ? "t" : "f").field(r.canonicalContent()).field(r.activity())
                        .field(r.authorOrg()).field(r.authorSubject()).field(r.authorRole())
                        .field(CanonicalJson.formatInstant(r.recordedAt())).field(r.originHub()).field(r.connector())
                        // hashes are lowercase hex: an array literal needs no quoting for them
                        .field(r.hash()).field("{" + String.join(",", r.parents()) + "}")
                        .field(r.derivation() == null ? null : RecordJson.write(r.derivation())).endRow();
            }
            long copied = copy.finish();
            if (copied != rows.size()) {
                throw new IllegalStateException("COPY wrote " + copied + " versions of " + rows.size());
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Which of these hashes this hub holds already. */
    public java.util.Set<String> presentHashes(java.util.Collection<String> hashes) {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (hashes.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(// char(64), as the
                                                                                                  // column: a text[]
                                                                                                  // would compare as
                                                                                                  // text and miss the
                                                                                                  // unique index
                "select hash from record_version where hash = any(?::char(64)[])")) {
            ps.setArray(1, c.createArrayOf("text", hashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /**
     * Locks the heads of those of these records that exist, of any kind, in id order (so that concurrent batches cannot
     * deadlock on each other), and returns each one's kind. Read the versions afterwards with {@link #heads}, a fresh
     * statement (see {@link #lockHead}).
     */
    public java.util.Map<UUID, String> lockHeads(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, String> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c
                .prepareStatement("select id, kind from record_head where id = any(?) order by id for update")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        if (writtenByLaterTransaction(out.keySet())) {
            throw new RetryTransaction("a record received was written by a newer transaction");
        }
        return out;
    }

    /** The records that hold these source references (no lock). */
    public java.util.Map<SourceKey, UUID> idsBySource(java.util.Collection<SourceKey> keys) {
        java.util.Map<SourceKey, UUID> out = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String sql = """
                select h.id, h.kind, h.source_system, h.source_id
                  from record_head h
                  join unnest(?::text[], ?::text[], ?::text[]) as k(kind, system, sid)
                    on h.kind = k.kind and h.source_system = k.system and h.source_id = k.sid""";
        out.putAll(bySource(sql, keys));
        return out;
    }

    /** Runs a query of (id, kind, source_system, source_id) bound to the keys' three arrays. */
    private java.util.Map<SourceKey, UUID> bySource(String sql, java.util.Collection<SourceKey> keys) {
        java.util.Map<SourceKey, UUID> out = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.stream().map(SourceKey::kind).toArray()));
            ps.setArray(2, c.createArrayOf("text", keys.stream().map(SourceKey::system).toArray()));
            ps.setArray(3, c.createArrayOf("text", keys.stream().map(SourceKey::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new SourceKey(rs.getString(2), rs.getString(3), rs.getString(4)),
                            rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /** An owner, classification and kind: what {@link #wouldBeVisible} decides on. */
    public record Audience(String owner, String classification, String kind) {
    }

    /** As {@link #wouldBeVisible}, for many at once: those of {@code audiences} the predicate admits. */
    public java.util.Set<Audience> visibleAudiences(java.util.Collection<Audience> audiences,
            Visibility.Predicate predicate) {
        java.util.Set<Audience> out = new java.util.HashSet<>();
        if (audiences.isEmpty()) {
            return out;
        }
        String sql = "select h.owner, h.classification, h.kind from unnest(?::text[], ?::text[], ?::text[])"
                + " as h (owner, classification, kind) where " + predicate.sql();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", audiences.stream().map(Audience::owner).toArray()));
            ps.setArray(2, c.createArrayOf("text", audiences.stream().map(Audience::classification).toArray()));
            ps.setArray(3, c.createArrayOf("text", audiences.stream().map(Audience::kind).toArray()));
            int i = 4;
            for (Object p : predicate.params()) {
                ps.setObject(i++, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Audience(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /** One column of a batch as a PostgreSQL array parameter (for {@code unnest}). */
    private static Array column(Connection c, String type, List<VersionRow> rows,
            java.util.function.Function<VersionRow, Object> value) throws SQLException {
        return c.createArrayOf(type, rows.stream().map(value).toArray());
    }

    private List<Stored> manyWithArray(String sql, java.util.Collection<UUID> ids) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                List<Stored> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The current version if the record exists and the predicate admits it: one round trip for a read. */
    public Optional<Stored> visibleHead(String kind, UUID id, Visibility.Predicate predicate) {
        return oneRaw("select " + VERSION_COLUMNS + " " + HEAD_JOIN + " where h.id = ? and h.kind = ? and ("
                + predicate.sql() + ")", ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, kind);
                    int i = 3;
                    for (Object p : predicate.params()) {
                        ps.setObject(i++, p);
                    }
                });
    }

    /** Whether this hub holds a version with this hash. */
    public boolean hashExists(String hash) {
        return exists("select exists (select 1 from record_version where hash = ?)", hash);
    }

    /** Whether a record with this id exists, of any kind. */
    public boolean idExists(UUID id) {
        return exists("select exists (select 1 from record_head where id = ?)", id);
    }

    private boolean exists(String sql, Object param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Whether a record of this kind exists and the predicate admits it. */
    public boolean visible(String kind, UUID id, Visibility.Predicate predicate) {
        return exists("select 1 from record_head h where h.id = ? and h.kind = ? and (" + predicate.sql() + ")",
                predicate, id, kind);
    }

    /**
     * Whether a record with this owner, classification and kind would be visible under {@code predicate}: the same rule
     * as every read, applied to a version that is not stored yet (a replica another hub offers).
     */
    public boolean wouldBeVisible(String owner, String classification, String kind, Visibility.Predicate predicate) {
        return exists("select 1 from (values (?::text, ?::text, ?::text)) h (owner, classification, kind) where "
                + predicate.sql(), predicate, owner, classification, kind);
    }

    /** {@code select exists (subquery)}, binding {@code leading} and then the predicate's parameters. */
    private boolean exists(String subquery, Visibility.Predicate predicate, Object... leading) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select exists (" + subquery + ")")) {
            int i = 1;
            for (Object p : leading) {
                ps.setObject(i++, p);
            }
            for (Object p : predicate.params()) {
                ps.setObject(i++, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** A page of current versions, ordered by id, matching a filter built by {@link RecordQuery}. */
    public List<Stored> list(RecordQuery query) {
        return manyRaw(
                // the limit is a literal (a checked int): with generic plans a parameter would hide it from the planner
                "select " + VERSION_COLUMNS + " " + HEAD_JOIN + " where " + query.where() + " order by h.id limit "
                        + (query.limit() + 1),
                ps -> query.bind(ps, 1));
    }

    // --- plumbing

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<Stored> one(String sql, Binder binder) {
        List<Stored> rows = many(sql, binder);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private Optional<Stored> oneRaw(String sql, Binder binder) {
        List<Stored> rows = many(sql, binder, true);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<Stored> many(String sql, Binder binder) {
        return many(sql, binder, false);
    }

    private List<Stored> manyRaw(String sql, Binder binder) {
        return many(sql, binder, true);
    }

    private List<Stored> many(String sql, Binder binder, boolean raw) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<Stored> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(raw ? readRaw(rs) : read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Reads a row selected with {@link #VERSION_COLUMNS} first. */
    /** As {@link #read} without parsing the content: for reads that only render it. */
    public static Stored readRaw(ResultSet rs) throws SQLException {
        String[] parents = (String[]) rs.getArray(17).getArray();
        VersionRow v = new VersionRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), null, rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(19),
                rs.getObject(13, OffsetDateTime.class).toInstant(), rs.getString(14), rs.getString(15),
                rs.getString(16), List.of(parents), derivation(rs));
        return new Stored(v, rs.getObject(18, OffsetDateTime.class).toInstant(), rs.getString(9));
    }

    public static Stored read(ResultSet rs) throws SQLException {
        String[] parents = (String[]) rs.getArray(17).getArray();
        VersionRow v = new VersionRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                RecordJson.parseStored(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(19), rs.getObject(13, OffsetDateTime.class).toInstant(), rs.getString(14),
                rs.getString(15), rs.getString(16), List.of(parents), derivation(rs));
        return new Stored(v, rs.getObject(18, OffsetDateTime.class).toInstant());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode derivation(ResultSet rs) throws SQLException {
        String text = rs.getString(20);
        return text == null ? null : RecordJson.parseStored(text);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
