package org.lienthong.hub.api.schema;

/** How soon responsive action should be taken ({@code Threat.urgency}; CAP 1.2 {@code urgency}). */
public enum Urgency {
    /** Responsive action should be taken immediately. */
    Immediate,
    /** Responsive action should be taken soon (within the next hour). */
    Expected,
    /** Responsive action should be taken in the near future. */
    Future,
    /** Responsive action is no longer required. */
    Past,
    /** Urgency not known. */
    Unknown
}
