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
        return new Caller(subject, code.strip(), token.getGroups());
    }
}
