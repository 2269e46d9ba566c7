package org.lienthong.hub.api.schema;

import java.util.regex.Pattern;

/**
 * The form of a hazard code ({@code Threat.hazardCode}, {@code Incident.hazardCode}): a UNDRR-ISC Hazard Information
 * Profile code, two upper-case letters and four digits ({@code MH0309}, tropical cyclone), or a national extension for
 * threats HIP lacks, {@code VN-} followed by upper-case letters and digits in {@code -}-separated parts
 * ({@code VN-DRUG}, {@code VN-CYBER-RANSOM}). Only the form is checked, not whether a profile with that code exists.
 */
public final class HazardCode {

    /**
     * The rule as a Java regular expression that must match the whole code ({@link java.util.regex.Matcher#matches()};
     * it is not anchored): {@value}.
     */
    public static final String REGEX = "[A-Z]{2}[0-9]{4}|VN-[A-Z0-9]+(-[A-Z0-9]+)*";

    /**
     * The rule anchored for engines that search rather than match, such as the {@code pattern} of OpenAPI and JSON
     * Schema (ECMA-262): {@value}.
     */
    public static final String ANCHORED_REGEX = "^(" + REGEX + ")$";

    /** {@link #REGEX} compiled; use {@code PATTERN.matcher(code).matches()}, or {@link #matches}. */
    public static final Pattern PATTERN = Pattern.compile(REGEX);

    private HazardCode() {
    }

    /** Whether {@code code} is a hazard code in the form above; {@code false} for {@code null}. */
    public static boolean matches(String code) {
        return code != null && PATTERN.matcher(code).matches();
    }
}
