package org.lienthong.hub.security;

import java.util.Set;

/**
 * Who is calling, taken from a verified token.
 *
 * @param subject
 *            the token's {@code sub}
 * @param org
 *            the caller's organisation code (claim {@code org})
 * @param roles
 *            the token's {@code groups}
 * @param clearance
 *            the highest classification the caller may see (claim {@code clearance}, default
 *            {@value Clearance#DEFAULT})
 * @param connector
 *            the connector instance acting, written into the provenance of what it writes; {@code null} for a token
 */
public record Caller(String subject, String org, Set<String> roles, String clearance, String connector) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Caller(String subject, String org, Set<String> roles, String clearance) {
        this(subject, org, roles, clearance, null);
    }

    /** The identity a connector instance acts with: its own subject, the organisation it acts for. */
    public static Caller connector(String instance, String org, String clearance) {
        return new Caller("connector:" + instance, org, Set.of(Roles.CONNECTOR, Roles.WRITER), clearance, instance);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }
}
