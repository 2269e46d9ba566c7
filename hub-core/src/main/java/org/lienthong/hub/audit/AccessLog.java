package org.lienthong.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.lienthong.hub.audit.dto.AccessEntry;
import org.lienthong.hub.record.StoreException;
import org.lienthong.hub.security.Caller;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The access log: who read or wrote which record, when, through which path ({@code api}, {@code feed},
 * {@code connector}). Written in one statement per request (a page of a list or of the feed is one insert), kept
 * append-only by a trigger, and trimmed by a daily retention job ({@code hub.audit.access-retention}).
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);

    /** One record touched. */
    public record Touch(String kind, UUID id) {
    }

    @Inject
    DataSource dataSource;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "hub.audit.access-retention", defaultValue = "P400D")
    Duration retention;

    private volatile Thread janitor;

    /** Records that {@code caller} read or wrote these records. Path: connector for connector identities. */
    public void record(Caller caller, String path, String action, List<Touch> touched) {
        if (touched.isEmpty()) {
            return;
        }
        String via = caller.connector() != null ? "connector" : path;
        String[] kinds = new String[touched.size()];
        UUID[] ids = new UUID[touched.size()];
        for (int i = 0; i < touched.size(); i++) {
            kinds[i] = touched.get(i).kind();
            ids[i] = touched.get(i).id();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("insert into access_log (subject, org, roles, path, action, kind, record_id)"
                                + " select ?, ?, ?, ?, ?, k, i from unnest(?::text[], ?::uuid[]) as t (k, i)")) {
            ps.setString(1, caller.subject());
            ps.setString(2, caller.org());
            ps.setArray(3, c.createArrayOf("text", caller.roles().stream().sorted().toArray()));
            ps.setString(4, via);
            ps.setString(5, action);
            ps.setArray(6, c.createArrayOf("text", kinds));
            ps.setArray(7, c.createArrayOf("uuid", ids));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public void record(Caller caller, String path, String action, String kind, UUID id) {
        record(caller, path, action, List.of(new Touch(kind, id)));
    }

    /** Entries matching the filter, newest first. */
    public List<AccessEntry> search(UUID recordId, String subject, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder(
                "select at, subject, org, roles, path, action, kind, record_id from access_log where true");
        List<Object> params = new ArrayList<>();
        if (recordId != null) {
            sql.append(" and record_id = ?");
            params.add(recordId);
        }
        if (subject != null) {
            sql.append(" and subject = ?");
            params.add(subject);
        }
        if (from != null) {
            sql.append(" and at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" and at < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
        sql.append(" order by at desc, id desc limit ").append(limit);
        List<AccessEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AccessEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                            rs.getString(3), List.of((String[]) rs.getArray(4).getArray()), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return out;
    }

    /** Removes entries older than the retention; the only deletion the table's trigger allows. */
    public int trim() {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); PreparedStatement ps = c
                    .prepareStatement("delete from access_log where at < now() - ?::interval")) {
                s.execute("set local lienthong.retention = 'on'");
                ps.setString(1, retention.toSeconds() + " seconds");
                int n = ps.executeUpdate();
                c.commit();
                return n;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    void start(@Observes StartupEvent event) {
        janitor = Thread.ofVirtual().name("access-log-retention").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    int n = trim();
                    if (n > 0) {
                        LOG.infof("access log: removed %d entries older than %s", n, retention);
                    }
                    Thread.sleep(Duration.ofHours(24));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("access log retention: %s", e.getMessage());
                    try {
                        Thread.sleep(Duration.ofHours(1));
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (janitor != null) {
            janitor.interrupt();
        }
    }
}
