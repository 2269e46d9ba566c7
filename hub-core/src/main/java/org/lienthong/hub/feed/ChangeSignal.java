package org.lienthong.hub.feed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Wakes long-polling feed readers when a version commits: one thread listens on the PostgreSQL channel
 * {@code lienthong_changes} (fed by a trigger on {@code record_version}) and signals every waiter. Readers also
 * re-check on a short timer, because a change can become readable without a notification (when an older transaction
 * ends and the horizon moves) and notifications can be lost while the listener reconnects.
 *
 * <p>
 * When the hub begins to shut down ({@link ShutdownDelayInitiatedEvent}: SIGTERM, before the readiness delay and before
 * the HTTP server waits for requests in flight) it is {@linkplain #draining() draining}: long-polls waiting in
 * {@link #awaitChangeOrShutdown} return at once, so that they answer with the page they have instead of holding the
 * shutdown for the rest of their wait. This needs {@code quarkus.shutdown.delay-enabled=true} at build time, without
 * which Quarkus fires no such event; {@link ShutdownEvent} drains too, later, as a fallback.
 */
@ApplicationScoped
public class ChangeSignal {

    private static final Logger LOG = Logger.getLogger(ChangeSignal.class);
    /** How long the listener waits for a notification before it looks whether it should stop. */
    private static final int LISTEN_POLL_MILLIS = 250;

    @Inject
    DataSource dataSource;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile long generation;
    private volatile boolean running;
    private volatile boolean draining;
    private Thread listener;

    void start(@Observes StartupEvent event) {
        running = true;
        listener = Thread.ofPlatform().daemon().name("change-listener").start(this::listen);
    }

    void shutdownBegins(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        drain();
        running = false;
        if (listener != null) {
            listener.interrupt();
            // let it close its connection itself before the pool goes (else the pool warns about a closed connection)
            listener.join(Duration.ofSeconds(2));
        }
    }

    /** A value that changes whenever a notification arrives. */
    public long generation() {
        return generation;
    }

    /** Whether the hub is shutting down: long-polls should answer now rather than wait. */
    public boolean draining() {
        return draining;
    }

    /** Waits until the generation differs from {@code seen} or the time is up. */
    public void awaitChange(long seen, long millis) throws InterruptedException {
        await(seen, millis, false);
    }

    /**
     * Like {@link #awaitChange}, but returns at once while the hub is {@linkplain #draining() draining}, and wakes when
     * draining begins. For the feed's long-polls; connector lanes keep {@link #awaitChange}, which would otherwise spin
     * during shutdown.
     */
    public void awaitChangeOrShutdown(long seen, long millis) throws InterruptedException {
        await(seen, millis, true);
    }

    private void await(long seen, long millis, boolean untilDraining) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (generation == seen && !(untilDraining && draining) && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        lock.lock();
        try {
            if (!draining) {
                draining = true;
                LOG.debug("shutting down: change-feed long-polls answer at once");
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN lienthong_changes");
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                signal(); // anything committed while not listening
                while (running) {
                    var notifications = pg.getNotifications(LISTEN_POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("change listener lost its connection (%s); retrying in 1 s", e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }
}
