package org.lienthong.hub.api.schema;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One measured value that supports a threat assessment ({@code Threat.indicators[]}): an entry of the national
 * safety-indicator index, or a CAP {@code parameter}.
 *
 * @param code
 *            indicator code (index code or CAP {@code valueName}); required
 * @param value
 *            the measured value
 * @param unit
 *            unit of {@code value} (e.g. {@code mm}, {@code m}, {@code km/h})
 * @param observedAt
 *            when the value was measured
 */
public record Indicator(String code, BigDecimal value, String unit, Instant observedAt) {
}
