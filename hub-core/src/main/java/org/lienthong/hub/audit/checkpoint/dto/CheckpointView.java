package org.lienthong.hub.audit.checkpoint.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The contract of a signed checkpoint as the checkpoint endpoints return it. The hub writes the statement exactly as it
 * was signed (canonical JSON), so these records describe the response and are not used to write it.
 *
 * @param signature
 *            base64 Ed25519 signature of the statement's canonical JSON (UTF-8)
 * @param cursor
 *            the change-feed cursor of the last version covered; pass it as {@code after} to read what came since
 */
@Schema(name = "Checkpoint", requiredProperties = { "statement", "signature", "algorithm", "cursor" })
public record CheckpointView(Statement statement, String signature, @Schema(enumeration = "Ed25519") String algorithm,
        String cursor) {

    /**
     * What was signed.
     *
     * @param position
     *            how many versions of the change feed the chain covers
     * @param chain
     *            the audit chain head after them
     * @param lastHash
     *            the hash of version {@code position}; {@code null} at position 0
     * @param keyId
     *            the signing key (see /api/v1/audit/keys)
     */
    @Schema(name = "CheckpointStatement", requiredProperties = { "at", "chain", "hub", "keyId", "lastHash",
            "position" })
    public record Statement(Instant at, String chain, String hub, String keyId,
            @Schema(nullable = true) String lastHash, long position) {
    }

    /** Checkpoints, newest first. */
    @Schema(name = "CheckpointList", requiredProperties = "items")
    public record Page(List<CheckpointView> items) {
    }
}
