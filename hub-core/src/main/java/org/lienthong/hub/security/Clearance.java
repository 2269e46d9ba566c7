package org.lienthong.hub.security;

import java.util.List;

import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Vocabulary;

/** The classification levels in order, least restrictive first; a clearance is one of them. */
public final class Clearance {

    /** Levels from {@code public} (0) to {@code secret} (3): the wire values of {@link Classification}, in order. */
    public static final List<String> LEVELS = Vocabulary.wireValues(Classification.class);

    /** Clearance of a token without a {@code clearance} claim. */
    public static final String DEFAULT = "restricted";

    private Clearance() {
    }

    /** 0 … 3, or -1 for anything that is not a level. */
    public static int rank(String level) {
        return LEVELS.indexOf(level);
    }
}
