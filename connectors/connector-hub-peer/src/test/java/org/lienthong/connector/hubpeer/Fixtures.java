package org.lienthong.connector.hubpeer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.Secret;

/** What the tests share: a token to look for, a configuration, a context and a logger that keeps what it is told. */
final class Fixtures {

    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.c2VjcmV0LXBlZXItdG9rZW4.Zm9vYmFy";
    static final String HUB_ID = "hanoi";

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
        values.put("token", new Secret(TOKEN));
        values.put("direction", "both");
        values.put("kinds", List.of("threat", "incident", "resource"));
        values.put("intervalSeconds", 5L);
        values.put("batchSize", 500L);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                values.remove((String) overrides[i]);
            } else {
                values.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return new ConnectorConfig(values);
    }

    static Connector open(ConnectorConfig config, TestContext context) throws ConnectorException {
        return new HubPeerConnectorType().open(config, context);
    }

    /** The context the hub would give an instance. */
    record TestContext(String instanceName, String hubId, RecordingLogger logger, Clock clock)
            implements ConnectorContext {

        TestContext() {
            this("peer-central", HUB_ID, new RecordingLogger(), Clock.systemUTC());
        }
    }

    /** Keeps every line logged, formatted, so a test can check that no token was logged. */
    static final class RecordingLogger implements System.Logger {

        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "hub-peer-test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg + (thrown == null ? "" : " " + thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " "
                    + (params == null || params.length == 0 ? format : java.text.MessageFormat.format(format, params)));
        }
    }
}
