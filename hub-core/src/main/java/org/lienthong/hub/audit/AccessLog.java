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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * {@code connector}). Kept append-only by a trigger, and trimmed by a daily retention job
 * ({@code hub.audit.access-retention}).
 *
 * <p>
 * <b>Group commit.</b> Every request's entries must be in the database before its answer leaves (an acknowledged read
 * is a logged read, whatever happens to the hub next), but one commit per request made every read a write transaction
 * of its own, each waiting for its WAL flush. So {@link #record} hands its entries to one writer and waits: the writer
 * takes everything that queued up while the previous batch was being committed and writes it as one insert in one
 * transaction, then releases all those requests. Under load many reads share one commit; alone, a read waits for just
 * its own. A failed batch fails every request in it (their answers are errors, as before), and nothing is dropped at
 * shutdown: the writer ends only after the queue is empty.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    /** At most this many entries in one insert; the rest wait for the next. */
    static final int MAX_BATCH = 4_096;
    /** How long a request waits for its entries' commit before it fails. */
    static final Duration COMMIT_WAIT = Duration.ofSeconds(30);
    /** Joins roles into one text per entry for the batch's arrays; no role name contains it (a control character). */
    private static final String ROLE_SEPARATOR = "\u001f";

    /** One record touched. */
    public record Touch(String kind, UUID id) {
    }

    /** One request's entries, and the commit it waits for. */
    private record Entries(Caller caller, String via, String action, List<Touch> touched,
            CompletableFuture<Void> committed) {
    }

    @Inject
    DataSource dataSource;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "hub.audit.access-retention", defaultValue = "P400D")
    Duration retention;

    private final LinkedBlockingQueue<Entries> queue = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private volatile Thread writer;
    private volatile Thread janitor;

    /**
     * Records that {@code caller} read or wrote these records, and returns once that is committed. Path: connector for
     * connector identities.
     */
    public void record(Caller caller, String path, String action, List<Touch> touched) {
        if (touched.isEmpty()) {
            return;
        }
        String via = caller.connector() != null ? "connector" : path;
        Entries entries = new Entries(caller, via, action, List.copyOf(touched), new CompletableFuture<>());
        Thread w = writer;
        if (w == null || stopping) {
            // before start-up has finished or after the writer ended: write it here, as one batch of its own
            write(List.of(entries));
        } else {
            queue.add(entries);
        }
        try {
            entries.committed().get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new StoreException(new SQLException(e.getCause()));
        } catch (TimeoutException e) {
            throw new StoreException(new SQLException("the access log did not commit within " + COMMIT_WAIT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(new SQLException("interrupted while the access log committed"));
        }
    }

    /** The writer: one batch at a time, each as large as what waited for it, until shutdown empties the queue. */
    private void drain() {
        List<Entries> batch = new ArrayList<>();
        while (true) {
            try {
                Entries first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                int touches = first.touched().size();
                while (touches < MAX_BATCH) {
                    Entries next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    touches += next.touched().size();
                }
                write(batch);
            } catch (InterruptedException e) {
                // shutdown interrupts a poll only after stopping is set; what is queued is still written
                if (!stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (RuntimeException e) {
                LOG.errorf("access log writer: %s", e.toString()); // the batch's requests have the error already
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes these requests' entries in one statement and one transaction, then tells each how it went. */
    private void write(List<Entries> batch) {
        int n = 0;
        for (Entries e : batch) {
            n += e.touched().size();
        }
        String[] subject = new String[n], org = new String[n], roles = new String[n], via = new String[n],
                action = new String[n], kind = new String[n];
        UUID[] id = new UUID[n];
        int i = 0;
        for (Entries e : batch) {
            String joined = String.join(ROLE_SEPARATOR, e.caller().roles().stream().sorted().toList());
            for (Touch t : e.touched()) {
                subject[i] = e.caller().subject();
                org[i] = e.caller().org();
                roles[i] = joined;
                via[i] = e.via();
                action[i] = e.action();
                kind[i] = t.kind();
                id[i] = t.id();
                i++;
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into access_log (subject, org, roles, path, action, kind, record_id)
                select s, o, case when r = '' then '{}'::text[] else string_to_array(r, chr(31)) end, p, a, k, i
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[])
                       as t (s, o, r, p, a, k, i)""")) {
            ps.setArray(1, c.createArrayOf("text", subject));
            ps.setArray(2, c.createArrayOf("text", org));
            ps.setArray(3, c.createArrayOf("text", roles));
            ps.setArray(4, c.createArrayOf("text", via));
            ps.setArray(5, c.createArrayOf("text", action));
            ps.setArray(6, c.createArrayOf("text", kind));
            ps.setArray(7, c.createArrayOf("uuid", id));
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            StoreException failure = e instanceof StoreException se ? se
                    : new StoreException(e instanceof SQLException sql ? sql : new SQLException(e));
            batch.forEach(b -> b.committed().completeExceptionally(failure));
            throw failure;
        }
        batch.forEach(b -> b.committed().complete(null));
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
        writer = Thread.ofPlatform().name("access-log-writer").daemon(false).start(this::drain);
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
        stopping = true;
        Thread w = writer;
        if (w != null) {
            try {
                w.join(COMMIT_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // whatever a request queued as the writer ended (a request only answers once its entries are committed, so a
        // request whose entries are never written here fails rather than answers)
        List<Entries> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest);
        }
    }
}
