package org.lienthong.hub.api.schema;

/**
 * Who may see a record ({@code classification} in the envelope), from least to most restrictive. The hub applies
 * {@link #internal} when a client sends none; what each level allows is hub policy, not part of the schema.
 */
public enum Classification {
    /**
     * Wire value {@code "public"}. The trailing underscore is there only because {@code public} is a Java keyword;
     * {@link #toString()} returns the wire value.
     */
    public_,
    /** The default. */
    internal, restricted, secret;

    /** The wire value: {@code "public"} for {@link #public_}, otherwise {@link #name()}. */
    @Override
    public String toString() {
        return this == public_ ? "public" : name();
    }
}
