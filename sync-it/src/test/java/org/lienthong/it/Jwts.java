package org.lienthong.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The test identity provider: an RSA-2048 key pair made at start, its public key as a PEM file every hub trusts, and
 * RS256 tokens signed by hand (no JWT library).
 */
final class Jwts {

    static final String ISSUER = "https://lienthong.it/test";
    static final Duration LIFETIME = Duration.ofHours(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final KeyPair KEYS;
    private static final Path PUBLIC_KEY;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KEYS = generator.generateKeyPair();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            PUBLIC_KEY = Files.createTempFile("lienthong-it-", ".pem");
            PUBLIC_KEY.toFile().deleteOnExit();
            Files.writeString(PUBLIC_KEY, pem, StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Jwts() {
    }

    /** The PEM file (X.509 SubjectPublicKeyInfo) the hubs verify tokens with. */
    static Path publicKeyFile() {
        return PUBLIC_KEY;
    }

    /** A token of {@code user@<org>} with the given roles and the default clearance. */
    static String token(String org, String... roles) {
        return sign("user@" + org, org, null, roles);
    }

    /** A token with an explicit clearance ({@code public|internal|restricted|secret}). */
    static String token(String org, String clearance, String... roles) {
        return sign("user@" + org, org, clearance, roles);
    }

    /** An administrator of {@code org} with every role and clearance secret: sees everything on a hub. */
    static String admin(String org) {
        return sign("admin@" + org, org, "secret", "reader", "writer", "auditor", "admin");
    }

    /** A writer (and reader) of {@code org}. */
    static String writer(String org) {
        return sign("writer@" + org, org, null, "reader", "writer");
    }

    /** A token another hub's connector presents: organisation {@code org}, role connector. */
    static String connector(String org, String subject) {
        return sign(subject, org, null, "connector");
    }

    static String sign(String subject, String org, String clearance, String... roles) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", subject).put("org", org);
        ArrayNode groups = claims.putArray("groups");
        for (String role : roles) {
            groups.add(role);
        }
        claims.put("iat", now).put("exp", now + LIFETIME.toSeconds());
        if (clearance != null) {
            claims.put("clearance", clearance);
        }
        String signingInput = b64(header.toString()) + "." + b64(claims.toString());
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(KEYS.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
