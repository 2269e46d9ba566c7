package org.lienthong.hub.org;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A sharing agreement: the {@code grantee} and the organisations below it may read the records of the given kinds owned
 * by the {@code grantor} or any organisation below it, up to {@code maxClassification}, while it is valid. This is how
 * peer ministries and sectors exchange data horizontally.
 *
 * @param validFrom
 *            RFC 3339, optional: valid from creation when absent
 * @param validUntil
 *            RFC 3339, optional: valid until deleted when absent (exclusive)
 */
@Schema(name = "Agreement", requiredProperties = { "id", "grantor", "grantee", "kinds", "maxClassification", "purpose",
        "createdAt", "createdBy" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Agreement(String id, String grantor, String grantee,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = org.lienthong.hub.api.schema.RecordKind.class) List<String> kinds,
        @Schema(implementation = org.lienthong.hub.api.schema.Classification.class) String maxClassification,
        String purpose, String validFrom, String validUntil, String createdAt, String createdBy) {
}
