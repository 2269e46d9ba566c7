package org.lienthong.hub.access;

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
            access = new Access(callers.get(), registry::path);
        }
        return access;
    }
}
