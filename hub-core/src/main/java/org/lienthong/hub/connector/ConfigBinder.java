package org.lienthong.hub.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lienthong.hub.api.connector.ConfigField;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.api.connector.Secret;
import org.lienthong.hub.record.RecordJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a configuration object against a type's {@link ConfigField}s, applies defaults and types the values, then asks
 * the type itself. Secret fields are kept apart from the rest: they are stored in their own column and never returned.
 */
final class ConfigBinder {

    static final int MAX_TEXT = 4096;

    /**
     * @param config
     *            what the connector receives (secrets as {@link Secret})
     * @param visible
     *            the non-secret values as given (without defaults), as stored and shown
     * @param secrets
     *            the secret values, as stored
     * @param problems
     *            empty when usable
     */
    record Bound(ConnectorConfig config, ObjectNode visible, Map<String, String> secrets,
            List<ConfigProblem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private ConfigBinder() {
    }

    /**
     * @param given
     *            the configuration object from the request (or as stored)
     * @param keptSecrets
     *            secrets already stored for the instance: a reconfiguration that omits a secret keeps it
     * @param fileRoot
     *            the directory file URLs must point into (absolute, normalised)
     */
    static Bound bind(ConnectorType type, JsonNode given, Map<String, String> keptSecrets, Path fileRoot) {
        List<ConfigProblem> problems = new ArrayList<>();
        ObjectNode visible = RecordJson.NODES.objectNode();
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (given == null || given.isNull()) {
            given = RecordJson.NODES.objectNode();
        }
        if (!given.isObject()) {
            problems.add(new ConfigProblem("", "config must be a JSON object"));
            return new Bound(new ConnectorConfig(Map.of()), visible, secrets, problems);
        }
        Set<String> known = new HashSet<>();
        for (ConfigField f : type.configuration()) {
            known.add(f.name());
            JsonNode v = given.get(f.name());
            boolean absent = v == null || v.isNull();
            if (f.secret()) {
                if (!absent && !(v.isTextual() && !v.textValue().isBlank() && v.textValue().length() <= MAX_TEXT)) {
                    problems.add(new ConfigProblem(f.name(), "must be a non-empty string (a secret)"));
                    continue;
                }
                String secret = absent ? keptSecrets.get(f.name()) : v.textValue();
                if (secret == null) {
                    if (f.required()) {
                        problems.add(new ConfigProblem(f.name(), "is required (a secret; it is never shown again)"));
                    }
                    continue;
                }
                secrets.put(f.name(), secret);
                values.put(f.name(), new Secret(secret));
                continue;
            }
            if (absent) {
                if (f.defaultValue() != null) {
                    values.put(f.name(), typed(f, textNode(f, f.defaultValue()), problems, fileRoot));
                } else if (f.required()) {
                    problems.add(new ConfigProblem(f.name(), "is required: " + f.description()));
                }
                continue;
            }
            Object value = typed(f, v, problems, fileRoot);
            if (value != null) {
                values.put(f.name(), value);
                visible.set(f.name(), v);
            }
        }
        given.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(new ConfigProblem(name, "is not a field of connector type " + type.name()));
            }
        });
        ConnectorConfig config = new ConnectorConfig(values);
        if (problems.isEmpty()) {
            try {
                problems.addAll(type.validate(config));
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem("", "the connector type could not check this configuration ("
                        + e.getClass().getSimpleName() + ")"));
            }
        }
        return new Bound(config, visible, secrets, List.copyOf(problems));
    }

    /** A default, written as text, in the JSON form the field takes. */
    private static JsonNode textNode(ConfigField f, String text) {
        return switch (f.type()) {
        case INTEGER -> RecordJson.NODES.numberNode(Long.parseLong(text.strip()));
        case BOOLEAN -> RecordJson.NODES.booleanNode(Boolean.parseBoolean(text.strip()));
        case STRING_LIST -> {
            ArrayNode list = RecordJson.NODES.arrayNode();
            if (!text.isBlank()) {
                Arrays.stream(text.split(",")).map(String::strip).forEach(list::add);
            }
            yield list;
        }
        default -> RecordJson.NODES.textNode(text);
        };
    }

    private static Object typed(ConfigField f, JsonNode v, List<ConfigProblem> problems, Path fileRoot) {
        switch (f.type()) {
        case STRING:
            if (v.isTextual() && v.textValue().length() <= MAX_TEXT) {
                return v.textValue();
            }
            problems.add(new ConfigProblem(f.name(), "must be a string of at most " + MAX_TEXT + " characters"));
            return null;
        case INTEGER:
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            problems.add(new ConfigProblem(f.name(), "must be a whole number"));
            return null;
        case BOOLEAN:
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            problems.add(new ConfigProblem(f.name(), "must be true or false"));
            return null;
        case URL:
            if (v.isTextual() && isHttpUrl(v.textValue())) {
                return v.textValue();
            }
            if (v.isTextual() && v.textValue().startsWith("file:")) {
                if (insideRoot(v.textValue(), fileRoot)) {
                    return v.textValue();
                }
                problems.add(new ConfigProblem(f.name(),
                        "a file URL must point inside this hub's drop directory, " + fileRoot.toUri()));
                return null;
            }
            problems.add(new ConfigProblem(f.name(), "must be an absolute http, https or file URL"));
            return null;
        case STRING_LIST:
            if (v.isArray() && v.size() <= 1000) {
                List<String> list = new ArrayList<>();
                for (JsonNode e : v) {
                    if (!e.isTextual() || e.textValue().length() > MAX_TEXT) {
                        problems.add(new ConfigProblem(f.name(), "must be a list of strings"));
                        return null;
                    }
                    list.add(e.textValue());
                }
                return List.copyOf(list);
            }
            problems.add(new ConfigProblem(f.name(), "must be a list of strings"));
            return null;
        case ENUM:
            if (v.isTextual() && f.allowedValues().contains(v.textValue())) {
                return v.textValue();
            }
            problems.add(new ConfigProblem(f.name(), "must be one of " + String.join(", ", f.allowedValues())));
            return null;
        default:
            throw new IllegalStateException("unknown field type " + f.type());
        }
    }

    /** Whether a file URL names the root or something under it, after resolving "..", and not through a link. */
    static boolean insideRoot(String text, Path root) {
        try {
            URI uri = new URI(text);
            if (!"file".equals(uri.getScheme()) || uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return false;
            }
            Path p = Path.of(uri).toAbsolutePath().normalize();
            if (!p.startsWith(root)) {
                return false;
            }
            // a symbolic link inside the root may point outside it
            return !Files.exists(p) || !Files.exists(root) || p.toRealPath().startsWith(root.toRealPath());
        } catch (URISyntaxException | IllegalArgumentException | java.io.IOException
                | java.nio.file.FileSystemNotFoundException e) {
            return false;
        }
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
