package org.lienthong.hub.api.schema;

/** What produced a record version ({@code provenance.activity}). */
public enum Activity {
    /** First version, written through the hub API. */
    create,
    /** A later version written through the hub API. */
    update,
    /** A tombstone version ({@code deleted = true}). */
    delete,
    /**
     * Wire value {@code "import"}: written by a connector from an external system. The trailing underscore is there
     * only because {@code import} is a Java keyword; {@link #toString()} returns the wire value.
     */
    import_,
    /** Copied unchanged from another hub; {@code originHub} names where it was recorded. */
    replicate,
    /** Reconciles concurrent versions; {@code parents} lists the hashes of every merged version. */
    merge,
    /**
     * Written by the hub's early warning from observations under a warning rule; {@code derivation} in the provenance
     * names the rule version and the observations.
     */
    derive;

    /** The wire value: {@code "import"} for {@link #import_}, otherwise {@link #name()}. */
    @Override
    public String toString() {
        return this == import_ ? "import" : name();
    }
}
