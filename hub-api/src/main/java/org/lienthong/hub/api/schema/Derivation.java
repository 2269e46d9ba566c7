package org.lienthong.hub.api.schema;

import java.time.Instant;
import java.util.UUID;

/**
 * What a version derived from observations was decided by ({@code provenance.derivation}): the warning rule at one of
 * its versions, and the readings of one indicator at one station over a span of observation time. Set by the hub; part
 * of the version's hash, so an auditor can check that a warning names the rule and readings that caused it.
 *
 * @param rule
 *            the warning rule's id
 * @param ruleVersion
 *            the version of the rule that was applied, ≥ 1
 * @param station
 *            the station's code
 * @param indicator
 *            the indicator's code
 * @param from
 *            the observation time of the first reading that counted (the start of the condition, or of the aggregation
 *            window)
 * @param to
 *            the observation time of the reading that decided this version
 */
public record Derivation(UUID rule, Integer ruleVersion, String station, String indicator, Instant from, Instant to) {
}
