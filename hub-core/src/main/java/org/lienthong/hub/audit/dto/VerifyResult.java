package org.lienthong.hub.audit.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.RecordKind;

/**
 * The answer to {@code GET /api/v1/audit/verify}.
 *
 * @param ok
 *            true when no check failed
 * @param checked
 *            how many versions were recomputed
 * @param failures
 *            every check that failed (at most 10 000)
 */
@Schema(name = "VerifyResult", requiredProperties = { "ok", "checked", "failures" })
public record VerifyResult(boolean ok, long checked, List<Failure> failures) {

    /** One failed check. */
    @Schema(name = "VerifyFailure", requiredProperties = { "kind", "id", "version", "reason" })
    public record Failure(@Schema(implementation = RecordKind.class) String kind, String id, int version,
            String reason) {
    }
}
