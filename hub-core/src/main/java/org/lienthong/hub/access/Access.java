package org.lienthong.hub.access;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.lienthong.hub.security.Caller;
import org.lienthong.hub.security.Clearance;

/**
 * A caller and, looked up only when a write needs it, its place in the organisation hierarchy. Reads never look it up:
 * the visibility predicate finds the caller's path in SQL.
 */
public final class Access {

    private final Caller caller;
    private final Function<String, Optional<List<String>>> registry;
    private Optional<List<String>> path;

    public Access(Caller caller, Function<String, Optional<List<String>>> registry) {
        this.caller = caller;
        this.registry = registry;
    }

    public Caller caller() {
        return caller;
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

    /** Codes from the root down to the caller's organisation; {@code [org]} alone when it is not registered. */
    public List<String> path() {
        return lookup().orElse(List.of(caller.org()));
    }

    /** Whether the caller's organisation is in the registry (writes need it). */
    public boolean registered() {
        return lookup().isPresent();
    }

    private Optional<List<String>> lookup() {
        if (path == null) {
            path = registry.apply(caller.org());
        }
        return path;
    }
}
