package org.lienthong.hub.audit.checkpoint;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.audit.checkpoint.dto.AuditKey;
import org.lienthong.hub.security.Roles;

/** The public keys that sign checkpoints. */
@Path("/api/v1/audit/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditKeyResource {

    static final String EXAMPLE = """
            {"keys": [{"keyId": "3f9a0c1d2e4b5a69", "algorithm": "Ed25519", "current": true,
               "createdAt": "2026-11-01T00:00:00Z",
               "publicKeyPem": "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA…\\n-----END PUBLIC KEY-----\\n",
               "jwk": {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                       "kid": "3f9a0c1d2e4b5a69"}}]}""";

    @Inject
    SigningKeys keys;

    @GET
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Checkpoint signing keys / Khóa ký điểm kiểm tra", description = "Every Ed25519 public key that signed checkpoints, the current one first, as PEM (X.509) and JWK. keyId is the first 16 hex digits of the SHA-256 of the key's X.509 encoding. / Mọi khóa công khai Ed25519 đã ký điểm kiểm tra.")
    @APIResponse(responseCode = "200", description = "The keys / Các khóa", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditKey.Keys.class), examples = @ExampleObject(name = "keys", value = EXAMPLE)))
    public AuditKey.Keys listAuditKeys() {
        String current = keys.current().keyId();
        return new AuditKey.Keys(
                keys.all().stream()
                        .map(k -> new AuditKey(k.keyId(), SigningKeys.ALGORITHM, k.keyId().equals(current),
                                k.createdAt(), k.pem(), new AuditKey.Jwk("OKP", "Ed25519", k.jwkX(), k.keyId())))
                        .toList());
    }
}
