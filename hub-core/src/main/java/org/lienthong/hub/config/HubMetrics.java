package org.lienthong.hub.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The hub's own metrics at {@code /q/metrics} (Prometheus), beside the HTTP, JVM and connection-pool metrics Quarkus
 * provides: versions written by kind and activity, the feed's horizon lag, connector runs, items, failures and dead
 * letters, and the sync lag of replicas per peer hub.
 */
@ApplicationScoped
@Startup
public class HubMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @jakarta.annotation.PostConstruct
    void gauges() {
        Gauge.builder("lienthong.feed.horizon.lag", this, HubMetrics::horizonLagSeconds).baseUnit("seconds")
                .description("How long the oldest open transaction holds back the change feed's horizon")
                .register(registry);
    }

    /** Versions written (counted when written, before commit). */
    public void written(String kind, String activity, int n) {
        Counter.builder("lienthong.records.written").description("Versions written").tag("kind", kind)
                .tag("activity", activity).register(registry).increment(n);
    }

    /** A transaction rolled back and run again because a writer with a larger transaction id overtook it. */
    public void retried(String what) {
        Counter.builder("lienthong.transactions.overtaken")
                .description("Transactions run again because another writer of the same record overtook them")
                .tag("operation", what).register(registry).increment();
    }

    /** One run of a connector lane: outcome ok, retry or failed. */
    public void connectorRun(String instance, String lane, String outcome, int items) {
        Counter.builder("lienthong.connector.runs").description("Connector lane runs").tag("instance", instance)
                .tag("lane", lane).tag("outcome", outcome).register(registry).increment();
        if (items > 0) {
            Counter.builder("lienthong.connector.items").description("Items a connector lane moved")
                    .tag("instance", instance).tag("lane", lane).register(registry).increment(items);
        }
    }

    public void deadLetters(String instance, String lane, int n) {
        if (n > 0) {
            Counter.builder("lienthong.connector.dead.letters").description("Items put in the dead-letter queue")
                    .tag("instance", instance).tag("lane", lane).register(registry).increment(n);
        }
    }

    /** A replica from {@code peer} applied here, recorded at {@code recordedAt} on its origin hub. */
    public void replicated(String peer, Instant recordedAt) {
        Duration lag = Duration.between(recordedAt, Instant.now());
        Timer.builder("lienthong.sync.lag").description("From a version's recording to its arrival here, per peer hub")
                .tag("peer", peer).publishPercentiles(0.5, 0.99).register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    private double horizonLagSeconds() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(extract(epoch from now() - min(xact_start)), 0)"
                        + " from pg_stat_activity where backend_xid is not null and datname = current_database()")) {
            rs.next();
            return rs.getDouble(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
