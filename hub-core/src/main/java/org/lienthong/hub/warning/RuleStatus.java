package org.lienthong.hub.warning;

/** Whether a warning rule is evaluated, and what its warnings are. */
public enum RuleStatus {
    /** Evaluated; its warnings are real. */
    active,
    /** Not evaluated; its open warnings stay as they are. */
    inactive,
    /**
     * Evaluated for a drill: its warnings are marked {@code exercise} and kept out of what consumers get by default.
     */
    exercise
}
