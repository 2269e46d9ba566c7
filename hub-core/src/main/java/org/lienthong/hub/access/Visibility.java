package org.lienthong.hub.access;

import java.util.List;

/**
 * The one rule deciding which records a caller may see, as a SQL predicate over {@code record_head h}. Every read path
 * (get, list, versions, change feed, exports …) adds this predicate; none re-implements it.
 *
 * <table>
 * <tr>
 * <th>classification</th>
 * <th>visible to</th>
 * </tr>
 * <tr>
 * <td>public</td>
 * <td>every authenticated caller</td>
 * </tr>
 * <tr>
 * <td>internal</td>
 * <td>the owner, every organisation above it and every organisation below it</td>
 * </tr>
 * <tr>
 * <td>restricted</td>
 * <td>the owner and every organisation above it</td>
 * </tr>
 * <tr>
 * <td>secret</td>
 * <td>the owner, and callers above it whose clearance is secret</td>
 * </tr>
 * </table>
 *
 * plus sharing agreements: the grantee and organisations below it see the records of the agreed kinds owned by the
 * grantor or below it, up to the agreed classification, while the agreement is valid. A caller's own organisation
 * always sees its own records. Everything else is capped by the caller's clearance (default {@code restricted}), and
 * admins see everything up to their clearance.
 *
 * <p>
 * "Above" and "below" use {@code organization.path} (codes from the root): the caller is above-or-equal the owner when
 * the caller's code is in the owner's path, below-or-equal when the owner's code is in the caller's path.
 */
public final class Visibility {

    /** The predicate text and its parameters, in order. */
    public record Predicate(String sql, List<Object> params) {
    }

    private static final String LEVELS = "array['public','internal','restricted','secret']";
    private static final String OWNER_PATH = "coalesce((select o.path from organization o where o.code = h.owner),"
            + " array[h.owner])";
    /** The caller's path, looked up in the same statement (an init plan, evaluated once per query). */
    private static final String CALLER_PATH = "coalesce((select o.path from organization o where o.code = ?),"
            + " array[?::text])";

    private static final String SQL = """
            h.owner = ?
            or (array_position(%1$s, h.classification) <= ?
                and (?
                     or h.classification = 'public'
                     or (h.classification = 'internal' and h.owner = any(%3$s))
                     or ? = any(%2$s)
                     or exists (select 1 from agreement a
                                 where a.grantee = any(%3$s)
                                   and a.grantor = any(%2$s)
                                   and h.kind = any(a.kinds)
                                   and array_position(%1$s, h.classification)
                                       <= array_position(%1$s, a.max_classification)
                                   and (a.valid_from is null or a.valid_from <= now())
                                   and (a.valid_until is null or a.valid_until > now()))))""".formatted(LEVELS,
            OWNER_PATH, CALLER_PATH);

    private Visibility() {
    }

    public static Predicate of(Access access) {
        String org = access.org();
        return new Predicate(SQL, List.of(org, access.clearanceRank() + 1, access.isAdmin(), org, org, org, org, org));
    }

    /**
     * The same rule over another table that has {@code owner} and {@code classification} columns, under the alias
     * {@code alias} (stations: {@code s}), for things that are not records: sharing agreements name record kinds, so
     * they do not extend to these; the hierarchy, classification, clearance and admin rules do.
     */
    public static Predicate ofOwned(Access access, String alias) {
        if (!alias.matches("[a-z]{1,8}")) {
            throw new IllegalArgumentException(alias);
        }
        Predicate records = of(access);
        String sql = records.sql().replace("h.kind = any(a.kinds)", "false").replace("h.owner", alias + ".owner")
                .replace("h.classification", alias + ".classification");
        return new Predicate(sql, records.params());
    }
}
