package org.lienthong.hub.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.lienthong.hub.feed.ChangeCursor;
import org.lienthong.hub.record.CanonicalJson;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.StoreException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes and reads signed checkpoints.
 *
 * <h2>What a checkpoint covers</h2> The first n versions of the change feed, in its order {@code (txid, seq)}, and only
 * a stable prefix of it: versions whose transaction id is below {@code pg_snapshot_xmin(pg_current_snapshot())} (the
 * change feed's horizon, see {@code ChangeFeed}). Every transaction with a smaller id has ended, so no version can
 * later commit in front of the checkpointed position and position n always means the same version.
 *
 * <h2>Incremental</h2> Each checkpoint stores its position, the feed position of its last version and the chain head;
 * the next one continues from there and hashes only the versions written since.
 *
 * <h2>One at a time</h2> Making a checkpoint takes a transaction-scoped advisory lock, so concurrent requests (and hub
 * processes sharing the database) queue: the second sees the first's checkpoint and continues from it. Positions are
 * the primary key besides. When nothing new is stable since the latest checkpoint, no checkpoint is made and the latest
 * is returned.
 *
 * <h2>Statement</h2> The signed text is the canonical JSON (the version hashes' rules: sorted keys, no whitespace) of
 * <code>{"at", "chain", "hub", "keyId", "lastHash", "position"}</code>, as UTF-8; {@code lastHash} is absent at
 * position 0.
 */
@ApplicationScoped
public class CheckpointService {

    private static final Logger LOG = Logger.getLogger(CheckpointService.class);

    /** The advisory lock key serialising checkpoint creation ("LTAudit1"). */
    static final long LOCK = 0x4c54_4175_6469_7431L;

    @Inject
    DataSource dataSource;

    @Inject
    SigningKeys keys;

    @ConfigProperty(name = "hub.id")
    String hubId;

    @Inject
    AuditConfig config;

    private volatile Thread periodic;

    /** A checkpoint and whether this call made it. */
    public record Outcome(Checkpoint checkpoint, boolean created) {
    }

    void start(@Observes StartupEvent event) {
        Duration interval = config.checkpointInterval();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        periodic = Thread.ofVirtual().name("audit-checkpoints").start(this::runPeriodically);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        Thread t = periodic;
        if (t != null) {
            t.interrupt();
            t.join(5_000);
        }
    }

    private void runPeriodically() {
        Duration interval = config.checkpointInterval();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Outcome o = create();
                if (o.created()) {
                    LOG.infof("Audit checkpoint at position %d signed with key %s", o.checkpoint().position(),
                            o.checkpoint().keyId());
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not make the periodic audit checkpoint: %s", e.toString());
            }
        }
    }

    /** Makes a checkpoint over everything stable now, or returns the latest when nothing new is stable. */
    public Outcome create() {
        SigningKeys.SigningKey key = keys.current();
        return QuarkusTransaction.requiringNew().call(() -> createLocked(key));
    }

    private Outcome createLocked(SigningKeys.SigningKey key) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                ps.setLong(1, LOCK);
                ps.execute();
            }
            // a fresh statement after the lock: sees the checkpoint of whoever held it before
            Optional<Checkpoint> latest = latest(c);
            long position = latest.map(Checkpoint::position).orElse(0L);
            ChangeCursor last = latest.map(Checkpoint::cursor).orElse(ChangeCursor.START);
            String chain = latest.map(Checkpoint::chain).orElse(HashChain.GENESIS);
            String lastHash = latest.map(Checkpoint::lastHash).orElse(null);
            String horizon = horizon(c);
            // qualified names: "order by txid" would sort by the text output column ("1000" < "999")
            try (PreparedStatement ps = c.prepareStatement("select v.txid::text, v.seq, v.hash from record_version v"
                    + " where (v.txid, v.seq) > (?::text::xid8, ?) and v.txid < ?::text::xid8"
                    + " order by v.txid, v.seq")) {
                ps.setFetchSize(10_000);
                ps.setString(1, Long.toString(last.txid()));
                ps.setLong(2, last.seq());
                ps.setString(3, horizon);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lastHash = rs.getString(3);
                        chain = HashChain.next(chain, lastHash);
                        position++;
                        last = new ChangeCursor(Long.parseLong(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            if (latest.isPresent() && latest.get().position() == position) {
                return new Outcome(latest.get(), false);
            }
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            ObjectNode statement = RecordJson.NODES.objectNode();
            statement.put("hub", hubId);
            statement.put("position", position);
            statement.put("chain", chain);
            statement.put("lastHash", lastHash); // null at position 0: left out of the canonical form
            statement.put("at", CanonicalJson.formatInstant(at));
            statement.put("keyId", key.keyId());
            String text = CanonicalJson.write(statement);
            String signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
            Checkpoint cp = new Checkpoint(position, last, lastHash, chain, text, signature, key.keyId(), at);
            try (PreparedStatement ps = c.prepareStatement("insert into audit_checkpoint (position, last_txid,"
                    + " last_seq, last_hash, chain, statement, signature, key_id, created_at)"
                    + " values (?, ?::text::xid8, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, position);
                ps.setString(2, position == 0 ? null : Long.toString(last.txid()));
                if (position == 0) {
                    ps.setNull(3, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(3, last.seq());
                }
                ps.setString(4, lastHash);
                ps.setString(5, chain);
                ps.setString(6, text);
                ps.setString(7, signature);
                ps.setString(8, key.keyId());
                ps.setObject(9, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return new Outcome(cp, true);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The newest checkpoints first. */
    public List<Checkpoint> list(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " order by position desc limit ?")) {
            ps.setInt(1, limit);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The checkpoint at a position. */
    public Optional<Checkpoint> at(long position) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT + " where position = ?")) {
            ps.setLong(1, position);
            return read(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The newest checkpoint, if any. */
    public Optional<Checkpoint> latest() {
        try (Connection c = dataSource.getConnection()) {
            return latest(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** How many versions are stable now after the feed position {@code after} (at most {@code cap} are counted). */
    long stableAfter(ChangeCursor after, long cap) {
        try (Connection c = dataSource.getConnection()) {
            String horizon = horizon(c);
            try (PreparedStatement ps = c.prepareStatement("select count(*) from (select 1 from record_version"
                    + " where (txid, seq) > (?::text::xid8, ?) and txid < ?::text::xid8 limit " + cap + ") s")) {
                ps.setString(1, Long.toString(after.txid()));
                ps.setLong(2, after.seq());
                ps.setString(3, horizon);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * The change feed's horizon, as text: every transaction with a smaller id has ended, so the versions below it are
     * final. Taken in a statement of its own; it only moves forward, so later statements may use it safely.
     */
    static String horizon(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_snapshot_xmin(pg_current_snapshot())::text");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static final String SELECT = "select position, last_txid::text, last_seq, last_hash, chain, statement,"
            + " signature, key_id, created_at from audit_checkpoint";

    private static Optional<Checkpoint> latest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " order by position desc limit 1")) {
            return read(ps).stream().findFirst();
        }
    }

    private static List<Checkpoint> read(PreparedStatement ps) throws SQLException {
        List<Checkpoint> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long position = rs.getLong(1);
                ChangeCursor cursor = position == 0 ? ChangeCursor.START
                        : new ChangeCursor(Long.parseLong(rs.getString(2)), rs.getLong(3));
                out.add(new Checkpoint(position, cursor, rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant()));
            }
        }
        return out;
    }
}
