package org.lienthong.hub.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lienthong.hub.org.OrganizationCodes;

import io.quarkus.security.AuthenticationFailedException;

/**
 * The verified token of the current request as a {@link Caller}. Request scoped: inject it and call {@link #get()}
 * inside a request.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    JsonWebToken token;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = fromToken();
        }
        return caller;
    }

    private Caller fromToken() {
        String subject = token.getSubject();
        String code = text(token.getClaim(Roles.CLAIM_ORG));
        if (subject == null || subject.isBlank() || code == null || code.isBlank()) {
            // smallrye.jwt.required.claims already refuses such tokens; this keeps the rule local too
            throw new AuthenticationFailedException("token lacks sub or org");
        }
        if (!OrganizationCodes.isValid(code.strip())) {
            throw new AuthenticationFailedException("org claim is not an organisation code");
        }
        String clearance = Clearance.DEFAULT;
        if (token.getClaim(Roles.CLAIM_CLEARANCE) != null) {
            clearance = text(token.getClaim(Roles.CLAIM_CLEARANCE));
            if (Clearance.rank(clearance) < 0) {
                throw new AuthenticationFailedException(
                        "clearance claim is not one of public, internal, restricted, secret");
            }
        }
        return new Caller(subject, code.strip(), token.getGroups(), clearance);
    }

    /** A string claim (a JSON string or a plain one), or {@code null} for anything else. */
    private static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
    }
}
