package org.lienthong.hub.api.schema;

/** How sure the source is ({@code Threat.certainty}; CAP 1.2 {@code certainty}). */
public enum Certainty {
    /** Determined to have occurred or to be ongoing. */
    Observed,
    /** Likely (probability &gt; ~50%). */
    Likely,
    /** Possible but not likely (probability &lt;= ~50%). */
    Possible,
    /** Not expected to occur (probability ~ 0). */
    Unlikely,
    /** Certainty not known. */
    Unknown
}
