package org.lienthong.audit.verifier;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.lienthong.hub.api.json.Json;

/** Ed25519 public keys: from a PEM file or from the hub's {@code /api/v1/audit/keys} answer. */
final class Keys {

    /** A public key and its id: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
    record Key(String keyId, PublicKey publicKey) {
    }

    private Keys() {
    }

    /**
     * Every key in {@code text}: a PEM public key (-----BEGIN PUBLIC KEY-----), or the JSON of
     * {@code GET /api/v1/audit/keys}.
     */
    static List<Key> parse(String text) {
        List<Key> keys = new ArrayList<>();
        if (text.strip().startsWith("{")) {
            if (!(Json.parse(text) instanceof Map<?, ?> doc) || !(doc.get("keys") instanceof List<?> list)) {
                throw new IllegalArgumentException("a JSON key file must be the answer of /api/v1/audit/keys");
            }
            for (Object o : list) {
                if (o instanceof Map<?, ?> k && k.get("publicKeyPem") instanceof String pem) {
                    keys.add(fromPem(pem));
                }
            }
        } else {
            keys.add(fromPem(text));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no public key found");
        }
        return keys;
    }

    static Key fromPem(String pem) {
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end));
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            return new Key(keyId(key.getEncoded()), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage());
        }
    }

    static String keyId(byte[] x509) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x509)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
