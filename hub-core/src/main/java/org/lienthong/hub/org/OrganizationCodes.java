package org.lienthong.hub.org;

import java.util.regex.Pattern;

/** The one definition of an organisation code: lower-case, dotted, stable ({@code vn}, {@code vn.hn.ba-dinh}). */
public final class OrganizationCodes {

    public static final int MAX_LENGTH = 128;

    /** The pattern of a code (the OpenAPI document anchors it with ^ and $). */
    public static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*";

    private static final Pattern CODE = Pattern.compile(PATTERN);

    private OrganizationCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && code.length() <= MAX_LENGTH && CODE.matcher(code).matches();
    }
}
