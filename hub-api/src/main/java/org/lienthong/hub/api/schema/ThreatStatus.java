package org.lienthong.hub.api.schema;

/** Where a threat is in its life cycle ({@code Threat.status}). */
public enum ThreatStatus {
    /** Being watched; no warning issued. */
    monitoring,
    /** A warning is in force; the hazard has not struck yet. */
    warning,
    /** The hazard is happening. */
    active,
    /** Still present but under control. */
    contained,
    /** Over; kept for the record. */
    ended
}
