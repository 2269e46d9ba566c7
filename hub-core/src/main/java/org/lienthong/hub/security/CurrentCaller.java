package org.lienthong.hub.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;

/**
 * The verified token of the current request as a {@link Caller}. Request scoped: inject it and call {@link #get()}
 * inside a request.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    JsonWebToken token;

    private static final java.util.regex.Pattern ORG_CODE = java.util.regex.Pattern
            .compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = fromToken();
        }
        return caller;
    }

    private Caller fromToken() {
        String subject = token.getSubject();
        Object claim = token.getClaim(Roles.CLAIM_ORG);
        String code = claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
        if (subject == null || subject.isBlank() || code == null || code.isBlank()) {
            // smallrye.jwt.required.claims already refuses such tokens; this keeps the rule local too
            throw new AuthenticationFailedException("token lacks sub or org");
        }
        if (!ORG_CODE.matcher(code.strip()).matches() || code.length() > 128) {
            throw new AuthenticationFailedException("org claim is not an organisation code");
        }
        Object clearanceClaim = token.getClaim(Roles.CLAIM_CLEARANCE);
        String clearance = Clearance.DEFAULT;
        if (clearanceClaim != null) {
            clearance = clearanceClaim instanceof JsonString json ? json.getString()
                    : clearanceClaim instanceof String s ? s : "";
            if (Clearance.rank(clearance) < 0) {
                throw new AuthenticationFailedException(
                        "clearance claim is not one of public, internal, restricted, secret");
            }
        }
        return new Caller(subject, code.strip(), token.getGroups(), clearance);
    }
}
