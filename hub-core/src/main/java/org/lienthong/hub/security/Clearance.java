package org.lienthong.hub.security;

import java.util.List;

/** The classification levels in order, least restrictive first; a clearance is one of them. */
public final class Clearance {

    /** Levels from {@code public} (0) to {@code secret} (3). */
    public static final List<String> LEVELS = List.of("public", "internal", "restricted", "secret");

    /** Clearance of a token without a {@code clearance} claim. */
    public static final String DEFAULT = "restricted";

    private Clearance() {
    }

    /** 0 … 3, or -1 for anything that is not a level. */
    public static int rank(String level) {
        return LEVELS.indexOf(level);
    }
}
