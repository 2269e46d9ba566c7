package org.lienthong.hub.api.connector;

import java.util.List;

/**
 * One configuration field of a connector type.
 *
 * @param name
 *            the key in the configuration object (camelCase)
 * @param type
 *            how the value is written and checked
 * @param required
 *            whether a configuration must give it (a field with a default is never required)
 * @param defaultValue
 *            the value used when absent, written as text ({@code "60"}, {@code "true"}; for a {@link Type#STRING_LIST},
 *            the items separated by commas: {@code "threat,incident"}), or {@code null}
 * @param secret
 *            write-only: never returned by the API, never logged, given to the connector as a {@link Secret}
 * @param description
 *            for operators
 * @param allowedValues
 *            for {@link Type#ENUM}: the values allowed; otherwise empty
 */
public record ConfigField(String name, Type type, boolean required, String defaultValue, boolean secret,
        String description, List<String> allowedValues) {

    /** Value types. */
    public enum Type {
        STRING, INTEGER, BOOLEAN,
        /**
         * An absolute http, https or file URL. The hub accepts a file URL only inside its drop directory
         * ({@code hub.connectors.file-root}), so a configuration cannot make a connector read arbitrary files.
         */
        URL,
        /** A list of strings; its default value is written as one text, the items separated by commas. */
        STRING_LIST,
        /** One of {@link ConfigField#allowedValues()}. */
        ENUM
    }

    public ConfigField {
        allowedValues = List.copyOf(allowedValues);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a field with a default is not required");
        }
        if ((type == Type.ENUM) == allowedValues.isEmpty()) {
            throw new IllegalArgumentException(name + ": allowedValues are for ENUM fields, and ENUM fields need them");
        }
    }

    public static ConfigField required(String name, Type type, String description) {
        return new ConfigField(name, type, true, null, false, description, List.of());
    }

    public static ConfigField optional(String name, Type type, String defaultValue, String description) {
        return new ConfigField(name, type, false, defaultValue, false, description, List.of());
    }

    public static ConfigField secret(String name, String description) {
        return new ConfigField(name, Type.STRING, true, null, true, description, List.of());
    }

    public static ConfigField oneOf(String name, String defaultValue, String description, String... values) {
        return new ConfigField(name, Type.ENUM, defaultValue == null, defaultValue, false, description,
                List.of(values));
    }
}
