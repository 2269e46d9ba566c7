package org.lienthong.hub.record.dto;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.error.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one version sent to {@code POST /api/v1/replicas}: stored ({@code outcome}, {@code id}, {@code head},
 * {@code version}) or refused ({@code status} with {@code detail}, and {@code title} and {@code errors} when the
 * version was invalid). {@code index} is the version's position in the request's array; a request of one version (a
 * JSON object, kept for older peers) is answered with the stored fields only.
 *
 * @param outcome
 *            present (already held), applied (follows the local head), or conflict (diverged: stored and merged)
 * @param head
 *            the hash of the record's head on this hub after the version was applied
 * @param version
 *            this hub's version number of it, when stored
 */
@Schema(name = "ReplicaOutcome", requiredProperties = "index")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaOutcome(Integer index, @Schema(enumeration = {
        "present", "applied", "conflict" }) String outcome, UUID id, String head, Integer version, Integer status,
        String title, String detail, List<FieldError> errors){
}
