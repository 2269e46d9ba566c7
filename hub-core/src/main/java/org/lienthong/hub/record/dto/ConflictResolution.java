package org.lienthong.hub.record.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/conflicts/{id}/resolve} (the contract only: the hub reads the body as a JSON tree to
 * name what is wrong with it).
 *
 * @param resolution
 *            how the conflict was reviewed, 1 to 2 000 characters
 */
@Schema(name = "ConflictResolution", requiredProperties = "resolution", additionalProperties = Void.class)
public record ConflictResolution(@Schema(minLength = 1, maxLength = 2000) String resolution) {
}
