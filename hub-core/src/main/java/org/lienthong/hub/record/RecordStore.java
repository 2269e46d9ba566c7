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

/**
 * SQL access to {@code record_head} and {@code record_version}. Callers hold the JTA transaction
 * ({@link RecordService}); the connections obtained here are enlisted in it, so a head update and its version insert
 * commit or roll back together.
 */
@ApplicationScoped
public class RecordStore {

    /** A version joined with its record's creation time: what reads return. */
    public record Stored(VersionRow version, Instant createdAt) {
    }

    /** The columns {@link #read} expects, in order; {@code v} is the version, {@code h} its head. */
    public static final String VERSION_COLUMNS = """
            v.record_id, v.kind, v.version, v.owner, v.classification, v.source_system, v.source_id,
            v.deleted, v.content::text, v.activity, v.author_org, v.author_subject, v.recorded_at,
            v.origin_hub, v.connector, v.hash, v.parents, h.created_at, v.author_role""";

    private static final String HEAD_JOIN = """
            from record_head h join record_version v on v.record_id = h.id and v.version = h.version""";

    @Inject
    DataSource dataSource;

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
        return head(kind, locked);
    }

    /**
     * Inserts the head of a new record unless one with the same source reference exists.
     *
     * @return {@code false} when the source reference is taken (nothing written)
     */
    public boolean insertHead(VersionRow v) {
        String sql = """
                insert into record_head (id, kind, version, owner, classification, source_system, source_id,
                                         deleted, created_at, updated_at, hash, content)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
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
            ps.setString(12, RecordJson.write(v.content()));
        }) == 1;
    }

    /** Moves the head of an existing record to {@code v}. */
    public void updateHead(VersionRow v) {
        String sql = """
                update record_head
                   set version = ?, owner = ?, classification = ?, source_system = ?, source_id = ?,
                       deleted = ?, updated_at = ?, hash = ?, content = ?::jsonb
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
            ps.setString(9, RecordJson.write(v.content()));
            ps.setObject(10, v.id());
        });
        if (rows != 1) {
            throw new IllegalStateException("record head vanished while locked: " + v.id());
        }
    }

    /** Appends a version (the change-log entry); its transaction id is taken by the column default. */
    public void insertVersion(VersionRow v) {
        String sql = """
                insert into record_version (record_id, version, kind, owner, classification, source_system,
                    source_id, deleted, content, activity, author_org, author_subject, recorded_at, origin_hub,
                    connector, hash, parents, author_role)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, v.id());
            ps.setInt(2, v.version());
            ps.setString(3, v.kind());
            ps.setString(4, v.owner());
            ps.setString(5, v.classification());
            ps.setString(6, v.sourceSystem());
            ps.setString(7, v.sourceId());
            ps.setBoolean(8, v.deleted());
            ps.setString(9, RecordJson.write(v.content()));
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
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** All versions of a record, oldest first. */
    public List<Stored> versions(String kind, UUID id) {
        return many("select " + VERSION_COLUMNS + " from record_head h join record_version v on v.record_id = h.id"
                + " where h.id = ? and h.kind = ? order by v.version", ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, kind);
                });
    }

    /** One version of a record. */
    public Optional<Stored> version(String kind, UUID id, int number) {
        return one("select " + VERSION_COLUMNS + " from record_head h join record_version v on v.record_id = h.id"
                + " where h.id = ? and h.kind = ? and v.version = ?", ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, kind);
                    ps.setInt(3, number);
                });
    }

    /** Whether a record of this kind exists and the predicate admits it. */
    public boolean visible(String kind, UUID id, Visibility.Predicate predicate) {
        String sql = "select exists (select 1 from record_head h where h.id = ? and h.kind = ? and (" + predicate.sql()
                + "))";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.setString(2, kind);
            int i = 3;
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
        return many(
                "select " + VERSION_COLUMNS + " " + HEAD_JOIN + " where " + query.where() + " order by h.id limit ?",
                ps -> {
                    int i = query.bind(ps, 1);
                    ps.setInt(i, query.limit() + 1);
                });
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

    private List<Stored> many(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
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

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Reads a row selected with {@link #VERSION_COLUMNS} first. */
    public static Stored read(ResultSet rs) throws SQLException {
        String[] parents = (String[]) rs.getArray(17).getArray();
        VersionRow v = new VersionRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                RecordJson.parseStored(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(19), rs.getObject(13, OffsetDateTime.class).toInstant(), rs.getString(14),
                rs.getString(15), rs.getString(16), List.of(parents));
        return new Stored(v, rs.getObject(18, OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
