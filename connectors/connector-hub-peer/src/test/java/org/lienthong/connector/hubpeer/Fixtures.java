package org.lienthong.connector.hubpeer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lienthong.connector.testkit.TestConfigs;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorConfig;
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
        return TestConfigs.config(values, overrides);
    }

    static Connector open(ConnectorConfig config, TestContext context) throws ConnectorException {
        return new HubPeerConnectorType().open(config, context);
    }

    /** The context the hub would give an instance. */
    static TestContext context() {
        return new TestContext("peer-central", HUB_ID, Clock.systemUTC());
    }
}
