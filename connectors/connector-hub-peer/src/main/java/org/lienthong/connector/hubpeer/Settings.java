package org.lienthong.connector.hubpeer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lienthong.hub.api.connector.ConfigChecks;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.Secret;

/**
 * A {@code hub-peer} configuration, checked and typed: what {@link HubPeerConnectorType#validate} checks and what the
 * connectors use. {@link #toString()} shows no token ({@link Secret} masks itself).
 *
 * @param url
 *            the peer's base URL, without a trailing slash
 * @param token
 *            the bearer token the peer issued to this hub
 * @param direction
 *            which way records flow
 * @param kinds
 *            the record kinds to sync, in the configured order
 * @param intervalSeconds
 *            how long the peer may hold a pull open waiting for a change (capped at 25 s)
 * @param batchSize
 *            changes per request, both ways
 */
record Settings(String url, Secret token, Direction direction, List<String> kinds, int intervalSeconds, int batchSize) {

    /** Which way records flow. */
    enum Direction {
        /** Read the peer's change feed into this hub. */
        PULL,
        /** Send this hub's changes to the peer. */
        PUSH,
        /** Both, on two threads. */
        BOTH;

        boolean pulls() {
            return this != PUSH;
        }

        boolean pushes() {
            return this != PULL;
        }
    }

    static final String DEFAULT_KINDS = "threat,incident,resource";
    static final int DEFAULT_INTERVAL = 5;
    static final int MAX_INTERVAL = 3600;
    static final int DEFAULT_BATCH = 500;
    static final int MAX_BATCH = 1000;

    /**
     * Reads a configuration that {@link #problems} found nothing wrong with. Absent optional values take their defaults
     * (the hub normally applies them before).
     */
    static Settings of(ConnectorConfig config) {
        String url = config.string("url").orElseThrow().strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        Direction direction = Direction
                .valueOf(config.string("direction").orElse("both").strip().toUpperCase(Locale.ROOT));
        List<String> kinds = config.list("kinds").stream().map(String::strip).toList();
        // a token pasted from a file often ends with a line break; the header must not
        Secret token = new Secret(config.secret("token").orElseThrow().reveal().strip());
        return new Settings(url, token, direction, kinds,
                config.integer("intervalSeconds").orElse((long) DEFAULT_INTERVAL).intValue(),
                config.integer("batchSize").orElse((long) DEFAULT_BATCH).intValue());
    }

    /** Every rule a configuration breaks, without any network call. Never quotes the token. */
    static List<ConfigProblem> problems(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        urlProblem(config.string("url").orElse(null), problems);

        Secret token = config.secret("token").orElse(null);
        if (token == null || token.reveal().isBlank()) {
            problems.add(new ConfigProblem("token",
                    "is required: the bearer token the peer hub issued to this hub (role connector)"));
        } else if (!token.reveal().strip().chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            problems.add(new ConfigProblem("token",
                    "must be the token exactly as the peer issued it: printable ASCII, no spaces or line breaks"));
        }

        String direction = config.string("direction").orElse("both").strip();
        if (!List.of("pull", "push", "both").contains(direction)) {
            problems.add(new ConfigProblem("direction", "must be pull, push or both"));
        }

        ConfigChecks.kinds("kinds", config.list("kinds"), problems);

        long interval = config.integer("intervalSeconds").orElse((long) DEFAULT_INTERVAL);
        if (interval < 1 || interval > MAX_INTERVAL) {
            problems.add(new ConfigProblem("intervalSeconds", "must be from 1 to " + MAX_INTERVAL + " seconds"));
        }
        long batch = config.integer("batchSize").orElse((long) DEFAULT_BATCH);
        if (batch < 1 || batch > MAX_BATCH) {
            problems.add(new ConfigProblem("batchSize", "must be from 1 to " + MAX_BATCH));
        }
        return problems;
    }

    private static void urlProblem(String text, List<ConfigProblem> problems) {
        URI uri = ConfigChecks.parse("url", text,
                "is required: the peer hub's base URL, such as https://central.example.gov.vn", problems).orElse(null);
        if (uri == null) {
            return;
        }
        if (!ConfigChecks.isHttp(uri)) {
            problems.add(new ConfigProblem("url", "must be an absolute http or https URL"));
            return;
        }
        ConfigChecks.checkHttp("url", uri, ": the peer's credential goes in 'token'", problems);
        if (uri.getRawQuery() != null) {
            problems.add(new ConfigProblem("url", "must not have a query (?...): give the hub's base URL"));
        }
    }
}
