package org.lienthong.hub.api.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration after the hub checked it against the type's {@link ConfigField}s and applied defaults: every present
 * value has its declared type ({@link String}, {@link Long}, {@link Boolean}, {@code List<String>}, or {@link Secret}
 * for secret fields). {@link #toString()} masks secrets.
 */
public final class ConnectorConfig {

    private final Map<String, Object> values;

    public ConnectorConfig(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    public Optional<Long> integer(String name) {
        return Optional.ofNullable((Long) values.get(name));
    }

    public Optional<Boolean> bool(String name) {
        return Optional.ofNullable((Boolean) values.get(name));
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : List.copyOf((List<String>) v);
    }

    public Optional<Secret> secret(String name) {
        return Optional.ofNullable((Secret) values.get(name));
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, v instanceof Secret ? "********" : v));
        return "ConnectorConfig" + shown;
    }
}
