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
 */
public record Caller(String subject, String org, Set<String> roles, String clearance) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }
}
