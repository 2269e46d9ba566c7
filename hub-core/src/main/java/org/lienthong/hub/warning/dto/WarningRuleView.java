package org.lienthong.hub.warning.dto;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A warning rule at one of its versions.
 *
 * @param version
 *            1, 2, 3 …: the ETag
 * @param rule
 *            the rule as that version has it, with its defaults
 * @param author
 *            who wrote this version, and when
 */
@Schema(name = "WarningRule", requiredProperties = { "id", "version", "rule", "author", "recordedAt", "createdAt" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WarningRuleView(UUID id, int version, RuleBody rule, Author author, Instant recordedAt,
        Instant createdAt) {

    /** The author of a rule version. */
    @Schema(name = "WarningRuleAuthor", requiredProperties = { "org", "subject" })
    public record Author(String org, String subject) {
    }
}
