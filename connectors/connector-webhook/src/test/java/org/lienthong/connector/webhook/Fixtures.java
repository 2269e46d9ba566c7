package org.lienthong.connector.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.lienthong.connector.testkit.TestConfigs;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Secret;
import org.lienthong.hub.api.connector.SinkConnector;

/** What the tests share: a secret to look for, configurations, changes, a context with a clock the test moves. */
final class Fixtures {

    /** The receiver's signing secret: 32 random bytes. */
    static final String SECRET = "whsec_hIipVJbQe1Xhz4kg1xfww2w4dFE+0R3lmHmRIVW8r6c=";
    /** The base64 part alone, which must not leak either. */
    static final String SECRET_KEY_TEXT = SECRET.substring("whsec_".length());
    /** Another valid secret, which the receiver does not know. */
    static final String OTHER_SECRET = "whsec_5rWC/y/YZBqCuSUuE5oz+oegdbp+AJ3P7lEr1YlBsJ0=";
    static final String HUB_ID = "vn.dn";

    private Fixtures() {
    }

    /**
     * A configuration as the hub hands it over (defaults applied), with {@code overrides} on top; an override of
     * {@code null} removes the field.
     */
    static ConnectorConfig config(String url, Object... overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (url != null) {
            values.put("url", url);
        }
        values.put("secret", new Secret(SECRET));
        values.put("kinds", List.of("threat", "incident", "resource"));
        values.put("timeoutSeconds", 10L);
        values.put("includeExercise", false);
        return TestConfigs.config(values, overrides);
    }

    static SinkConnector open(ConnectorConfig config, TestContext context) throws ConnectorException {
        return (SinkConnector) new WebhookConnectorType().open(config, context);
    }

    /**
     * A change as the hub renders it: the record with its envelope and provenance, formatted with spaces and a decimal
     * that re-serialising would change, so that a splice can be told from a copy.
     */
    static Change change(int n, String kind, String op, int version) {
        String id = String.format("019a9b6e-0000-7000-8000-%012d", n);
        String hash = String.format("%064x", 0xabc000L + n);
        String json = "{\"id\": \"" + id + "\", \"kind\": \"" + kind + "\", \"version\": " + version
                + ", \"owner\": \"vn.dn\", \"classification\": \"public\", \"deleted\": " + op.equals("delete")
                + ",\n \"provenance\": {\"author\": {\"org\": \"vn.dn\", \"subject\": \"u1\"}, \"activity\": \"" + op
                + "\", \"recordedAt\": \"2026-11-22T08:00:0" + (n % 10) + ".5Z\", \"originHub\": \"vn.dn\","
                + " \"hash\": \"" + hash + "\", \"parents\": []}," + " \"title\": \"Sạt lở đất số " + n
                + "\", \"severity\": 1.50}";
        return new Change(kind, id, version, hash, op, json);
    }

    static Change change(int n) {
        return change(n, "incident", "create", 1);
    }

    /** A clock the test sets and moves. */
    static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        MovableClock() {
            this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The context the hub would give an instance, on the test's clock. */
    static TestContext context(Clock clock) {
        return new TestContext("alerts-webhook", HUB_ID, clock);
    }
}
