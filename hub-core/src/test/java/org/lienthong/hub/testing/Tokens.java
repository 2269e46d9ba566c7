package org.lienthong.hub.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs test tokens with {@code test-keys/private.pem}, the key the test profile trusts. Each test class uses its own
 * organisation code ({@link #freshOrg}) so that tests never see each other's records.
 */
public final class Tokens {

    public static final String ISSUER = "https://lienthong.local/dev";

    private Tokens() {
    }

    /** A new organisation code, unique to this run: {@code vn.t<random>}. */
    public static String freshOrg(String prefix) {
        return "vn.t-" + prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 48), 36);
    }

    public static String bearer(String org, String... roles) {
        return "Bearer " + token(org, roles);
    }

    public static String token(String org, String... roles) {
        return claims(org, roles).sign();
    }

    public static JwtClaimsBuilder claims(String org, String... roles) {
        return Jwt.issuer(ISSUER).subject("user@" + org).claim("org", org).groups(Set.of(roles)).issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(30));
    }

    /** A well-formed token signed by a key the hub does not trust. */
    public static String forged(String org, String... roles) throws Exception {
        return claims(org, roles).sign(privateKey("test-keys/other-private.pem"));
    }

    static PrivateKey privateKey(String resource) throws Exception {
        Path path = Path.of(Tokens.class.getClassLoader().getResource(resource).toURI());
        String pem = Files.readString(path).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
