package org.lienthong.hub.warning;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Domain;

/**
 * A warning rule as checked (one version of it): which readings it watches, the levels they are compared with, and the
 * threat it produces. {@link RuleParser} builds it from a request body and refuses a rule that cannot be evaluated.
 *
 * @param stations
 *            station codes it watches
 * @param adminCodes
 *            it also watches every station whose location lies in one of these administrative units
 * @param aggregate
 *            how readings are combined before the comparison; {@code null}: each reading as it is
 * @param levels
 *            in increasing {@code riskLevel}, all {@code above} or all {@code below}
 * @param noDataAfter
 *            an active warning whose station sends nothing for this long is marked with a data gap; {@code null}: never
 * @param title
 *            template of the threat's title; placeholders {@code {station.name}}, {@code {station.code}},
 *            {@code {value}}, {@code {unit}}, {@code {riskLevel}}, {@code {indicator.name}}
 * @param instruction
 *            template of the threat's instruction, or {@code null}
 * @param expiresAfter
 *            the threat expires this long after the reading that decided its version; {@code null}: 6 hours
 */
public record WarningRule(String name, String indicator, List<String> stations, List<String> adminCodes,
        Aggregate aggregate, List<Level> levels, Duration noDataAfter, String hazardCode, Domain domain, String title,
        String instruction, String owner, Classification classification, Duration expiresAfter, RuleStatus status) {

    /** The default of {@link #expiresAfter}. */
    public static final Duration DEFAULT_EXPIRES_AFTER = Duration.ofHours(6);

    /** A window and what is computed over it. */
    public record Aggregate(AggregateFunction fn, Duration window) {
    }

    /**
     * One risk level. Exactly one of {@code above} and {@code below} is set: the value enters the level at or beyond
     * it; {@code clear} is the value it leaves the level at (the hysteresis band lies between the two); {@code hold} is
     * how long, in observation time, the condition must hold before it counts ({@code for} on the wire).
     */
    public record Level(int riskLevel, BigDecimal above, BigDecimal below, BigDecimal clear, Duration hold) {

        boolean rising() {
            return above != null;
        }

        /** The value is at or beyond the level's threshold. */
        boolean enters(BigDecimal value) {
            return rising() ? value.compareTo(above) >= 0 : value.compareTo(below) <= 0;
        }

        /** The value is on the normal side of the level's clear value. */
        boolean cleared(BigDecimal value) {
            return rising() ? value.compareTo(clear) < 0 : value.compareTo(clear) > 0;
        }
    }

    /** The window readings are combined over; zero without an aggregate. */
    Duration window() {
        return aggregate == null ? Duration.ZERO : aggregate.window();
    }

    Duration expiry() {
        return expiresAfter == null ? DEFAULT_EXPIRES_AFTER : expiresAfter;
    }
}
