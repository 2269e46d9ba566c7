package org.lienthong.hub.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies each distinct token once and reuses the result for at most {@link #MAX_REUSE_MILLIS} and never past the
 * token's own expiry. Measured on this project's 2-core machine, RSA signature checks were most of the CPU a simple
 * authenticated read cost; integration systems send the same token for many requests.
 *
 * <p>
 * Only a byte-identical token hits the cache, so a forged or altered token is always fully verified. A token longer
 * than {@link #MAX_TOKEN_CHARS} is never cached, and at most {@link #MAX_ENTRIES} are kept, which bounds the memory.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {

    static final long MAX_REUSE_MILLIS = 60_000;
    static final int MAX_TOKEN_CHARS = 4096;
    static final int MAX_ENTRIES = 2000;

    private record Verified(JsonWebToken token, long untilMillis) {
    }

    private final Map<String, Verified> cache = new ConcurrentHashMap<>();

    @Inject
    public CachingJwtParser(JWTAuthContextInfo authContextInfo, JWTCallerPrincipalFactory factory) {
        super(authContextInfo, factory);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified hit = cache.get(token);
        if (hit != null) {
            if (now < hit.untilMillis()) {
                return hit.token();
            }
            cache.remove(token, hit);
        }
        JsonWebToken verified = super.parse(token);
        if (token.length() <= MAX_TOKEN_CHARS) {
            long until = Math.min(now + MAX_REUSE_MILLIS, verified.getExpirationTime() * 1000L);
            if (cache.size() >= MAX_ENTRIES) {
                cache.values().removeIf(v -> v.untilMillis() <= now);
            }
            if (cache.size() < MAX_ENTRIES && until > now) {
                cache.put(token, new Verified(verified, until));
            }
        }
        return verified;
    }
}
