package org.lienthong.hub.api.schema;

import java.util.regex.Pattern;

/**
 * The form of an administrative unit code ({@code Location.adminCodes}, {@code Area.adminCodes}): 1 to 64 letters,
 * digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit — the national statistics codes of
 * provinces, districts and communes ({@code 49}, {@code 49.206}) and other gazetteers' codes alike. Only the form is
 * checked, not whether the unit exists.
 */
public final class AdminCode {

    /** The rule as a Java regular expression that must match the whole code (it is not anchored): {@value}. */
    public static final String REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /** The rule anchored for the {@code pattern} of OpenAPI and JSON Schema: {@value}. */
    public static final String ANCHORED_REGEX = "^" + REGEX + "$";

    /** {@link #REGEX} compiled. */
    public static final Pattern PATTERN = Pattern.compile(REGEX);

    private AdminCode() {
    }

    /** Whether {@code code} is an administrative unit code in the form above; {@code false} for {@code null}. */
    public static boolean matches(String code) {
        return code != null && PATTERN.matcher(code).matches();
    }
}
