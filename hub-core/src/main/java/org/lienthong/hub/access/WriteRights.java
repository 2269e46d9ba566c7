package org.lienthong.hub.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.OrganizationRegistry;

/**
 * The one rule for who may write what an organisation owns (records, stations, warning rules): that organisation and
 * those above it; admins for any organisation, which their writes record.
 */
@ApplicationScoped
public class WriteRights {

    /** The role a write must record: {@code "admin"} when only admin powers allow it, else {@code null}. */
    public static final String ADMIN = "admin";

    @Inject
    OrganizationRegistry registry;

    /**
     * Checks that {@code caller} may write for {@code owner}: 400 when the owner is not a registered organisation, 403
     * when the caller may not.
     *
     * @return {@link #ADMIN} when the write needs admin powers, else {@code null}
     */
    public String check(String owner, Access caller) {
        return check(owner, caller, new HashMap<>());
    }

    /** As {@link #check(String, Access)}, looking organisation paths up through {@code paths} (a per-batch cache). */
    public String check(String owner, Access caller, Map<String, Optional<List<String>>> paths) {
        if (!caller.registered() && !caller.isAdmin()) {
            throw HubException.forbidden("organisation " + caller.org() + " is not registered in this hub");
        }
        List<String> ownerPath = paths.computeIfAbsent(owner, registry::path).orElseThrow(() -> HubException
                .invalid("owner", "is not a registered organisation: " + owner + " (see GET /api/v1/organizations)"));
        if (caller.registered() && ownerPath.contains(caller.org())) {
            return null;
        }
        if (caller.isAdmin()) {
            return ADMIN;
        }
        throw HubException.forbidden("organisation " + caller.org() + " may not write what " + owner
                + " owns; only that organisation and those above it may");
    }
}
