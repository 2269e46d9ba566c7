package org.lienthong.hub.access;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.org.OrganizationRegistry;
import org.lienthong.hub.security.CurrentCaller;

/** The current request's {@link Access}, looked up once per request. */
@RequestScoped
public class AccessResolver {

    @Inject
    CurrentCaller callers;

    @Inject
    OrganizationRegistry registry;

    private Access access;

    public Access get() {
        if (access == null) {
            var caller = callers.get();
            Optional<List<String>> path = registry.path(caller.org());
            access = new Access(caller, path.orElse(List.of(caller.org())), path.isPresent());
        }
        return access;
    }
}
