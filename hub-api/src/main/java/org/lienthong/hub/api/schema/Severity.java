package org.lienthong.hub.api.schema;

/** How bad the threat is ({@code Threat.severity}; CAP 1.2 {@code severity}). */
public enum Severity {
    /** Extraordinary threat to life or property. */
    Extreme,
    /** Significant threat to life or property. */
    Severe,
    /** Possible threat to life or property. */
    Moderate,
    /** Minimal to no known threat to life or property. */
    Minor,
    /** Severity not known. */
    Unknown
}
