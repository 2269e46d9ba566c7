package org.lienthong.hub.warning;

import java.util.regex.Pattern;

/**
 * The form of station and indicator codes: lower-case letters, digits, '.' and '-', starting with a letter or digit.
 */
final class Codes {

    /** {@value}; the database checks the same form. */
    static final String PATTERN = "[a-z0-9][a-z0-9.-]{0,127}";

    private static final Pattern CODE = Pattern.compile(PATTERN);

    private Codes() {
    }

    static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }
}
