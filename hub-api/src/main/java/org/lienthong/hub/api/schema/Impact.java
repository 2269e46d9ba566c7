package org.lienthong.hub.api.schema;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One impact figure of an incident ({@code Incident.impacts[]}); Sendai Framework indicators / DesInventar.
 *
 * @param metric
 *            what is counted; required
 * @param value
 *            the figure, ≥ 0; required
 * @param unit
 *            unit of {@code value} when the metric does not imply one
 * @param asOf
 *            when the figure was valid; figures grow as reports come in
 * @param estimated
 *            {@code true} when the figure is an estimate rather than a count
 */
public record Impact(ImpactMetric metric, BigDecimal value, String unit, Instant asOf, Boolean estimated) {
}
