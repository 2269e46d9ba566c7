package org.lienthong.hub.access;

import java.util.List;

import org.lienthong.hub.security.Caller;
import org.lienthong.hub.security.Clearance;

/**
 * A caller placed in the organisation hierarchy: what the access rules need to decide.
 *
 * @param caller
 *            the verified token
 * @param path
 *            codes from the root down to the caller's organisation ({@code [org]} alone when it is not registered)
 * @param registered
 *            whether the caller's organisation is in the registry (writes need it)
 */
public record Access(Caller caller, List<String> path, boolean registered) {

    public Access {
        path = List.copyOf(path);
    }

    public String org() {
        return caller.org();
    }

    public boolean isAdmin() {
        return caller.isAdmin();
    }

    public int clearanceRank() {
        return Clearance.rank(caller.clearance());
    }

    /**
     * The caller's path as a PostgreSQL array literal; codes are checked ({@code [a-z0-9.-]}) so none needs quoting.
     */
    String pathLiteral() {
        return literal(path);
    }

    static String literal(List<String> codes) {
        return "{" + String.join(",", codes) + "}";
    }
}
