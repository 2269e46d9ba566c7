package org.lienthong.hub.feed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Wakes long-polling feed readers when a version commits: one thread listens on the PostgreSQL channel
 * {@code lienthong_changes} (fed by a trigger on {@code record_version}) and signals every waiter. Readers also
 * re-check on a short timer, because a change can become readable without a notification (when an older transaction
 * ends and the horizon moves) and notifications can be lost while the listener reconnects.
 */
@ApplicationScoped
public class ChangeSignal {

    private static final Logger LOG = Logger.getLogger(ChangeSignal.class);

    @Inject
    DataSource dataSource;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile long generation;
    private volatile boolean running;
    private Thread listener;

    void start(@Observes StartupEvent event) {
        running = true;
        listener = Thread.ofPlatform().daemon().name("change-listener").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** A value that changes whenever a notification arrives. */
    public long generation() {
        return generation;
    }

    /** Waits until the generation differs from {@code seen} or the time is up. */
    public void awaitChange(long seen, long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (generation == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
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
                    var notifications = pg.getNotifications(1000);
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
