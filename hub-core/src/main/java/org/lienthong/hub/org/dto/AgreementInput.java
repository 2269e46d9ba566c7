package org.lienthong.hub.org.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.RecordKind;

/**
 * The body of {@code POST /api/v1/agreements} (the contract: the hub reads the body as a JSON tree so that one 400
 * names every bad field).
 *
 * @param grantor
 *            the organisation whose records (and its subtree's) are shared
 * @param grantee
 *            the organisation (and its subtree) that may read them
 * @param kinds
 *            which record kinds
 * @param maxClassification
 *            the most restricted classification shared
 * @param purpose
 *            why, in words (legal basis, programme)
 * @param validFrom
 *            from when; from creation when absent
 * @param validUntil
 *            until when (exclusive); until deleted when absent
 */
@Schema(name = "AgreementInput", requiredProperties = { "grantor", "grantee", "kinds", "maxClassification",
        "purpose" }, additionalProperties = Void.class)
public record AgreementInput(String grantor, String grantee, @Schema(minItems = 1) List<RecordKind> kinds,
        Classification maxClassification, String purpose, Instant validFrom, Instant validUntil) {
}
