package org.lienthong.hub.audit.checkpoint.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A public key that signs (or signed) checkpoints.
 *
 * @param keyId
 *            the first 16 hex digits of the SHA-256 of the key's X.509 encoding
 * @param current
 *            whether the hub signs with it now
 * @param publicKeyPem
 *            the key as a PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo)
 * @param jwk
 *            the same key as an RFC 8037 JSON Web Key
 */
@Schema(name = "AuditKey", requiredProperties = { "keyId", "algorithm", "current", "createdAt", "publicKeyPem", "jwk" })
public record AuditKey(String keyId, @Schema(enumeration = "Ed25519") String algorithm, boolean current,
        Instant createdAt, String publicKeyPem, Jwk jwk) {

    /** An Ed25519 public JWK (RFC 8037). */
    @Schema(name = "AuditKeyJwk", requiredProperties = { "kty", "crv", "x", "kid" })
    public record Jwk(@Schema(enumeration = "OKP") String kty, @Schema(enumeration = "Ed25519") String crv, String x,
            String kid) {
    }

    /** Every key, the current one first. */
    @Schema(name = "AuditKeyList", requiredProperties = "keys")
    public record Keys(List<AuditKey> keys) {
    }
}
