package org.lienthong.hub.api.connector;

import java.util.Objects;

/** A secret configuration value. {@link #toString()} never shows it; only {@link #reveal()} does. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The value, for the moment it is needed (an Authorization header, say). Do not store or log it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "********";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
