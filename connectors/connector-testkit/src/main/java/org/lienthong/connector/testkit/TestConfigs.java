package org.lienthong.connector.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.lienthong.hub.api.connector.ConnectorConfig;

/** Configurations as the hub hands them to a connector. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /**
     * {@code defaults} (a connector's configuration with its defaults applied) with {@code overrides} on top, given as
     * name, value, name, value …; a value of {@code null} removes the field.
     */
    public static ConnectorConfig config(Map<String, Object> defaults, Object... overrides) {
        if (overrides.length % 2 != 0) {
            throw new IllegalArgumentException("overrides come in pairs: name, value");
        }
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                values.remove((String) overrides[i]);
            } else {
                values.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return new ConnectorConfig(values);
    }
}
