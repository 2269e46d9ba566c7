package org.lienthong.hub.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Domain;
import org.lienthong.hub.warning.Fold.Episode;
import org.lienthong.hub.warning.Fold.Reading;
import org.lienthong.hub.warning.Fold.Version;

/** The state machine of EARLY-WARNING.md on hand-made series (no database: the fold is a pure function). */
class FoldTest {

    static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    /** Water level at a river station, BĐ1..BĐ3 as risk levels 2..4, clear 0.2 m below each, held 30 minutes. */
    static WarningRule flood(Duration hold) {
        return rule(null,
                List.of(level(2, "3.0", "2.8", hold), level(3, "4.0", "3.8", hold), level(4, "5.0", "4.8", hold)));
    }

    static WarningRule.Level level(int risk, String above, String clear, Duration hold) {
        return new WarningRule.Level(risk, new BigDecimal(above), null, new BigDecimal(clear), hold);
    }

    static WarningRule rule(WarningRule.Aggregate aggregate, List<WarningRule.Level> levels) {
        return new WarningRule("flood", "water-level", List.of("s"), List.of(), aggregate, levels, null, "MH0600",
                Domain.climate, "t", null, "vn", Classification.public_, null, RuleStatus.active);
    }

    /** Readings every 10 minutes from T0 with these values. */
    static List<Reading> series(double... values) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new Reading(T0.plus(Duration.ofMinutes(10L * i)), BigDecimal.valueOf(values[i])));
        }
        return out;
    }

    static Fold.Result run(WarningRule rule, List<Reading> readings) {
        return Fold.run(List.of(new Version(1, null, rule)), readings, null, 6);
    }

    static final Duration HALF_HOUR = Duration.ofMinutes(30);

    @Test
    void aCrossingShorterThanItsForRaisesNothing() {
        // above 3.0 for 20 minutes only (two readings 10 min apart: held 10 min)
        Fold.Result r = run(flood(HALF_HOUR), series(2.5, 3.1, 3.2, 2.5, 2.4));
        assertEquals(List.of(), r.episodes());
        assertEquals(T0.plus(Duration.ofMinutes(40)), r.quietAt());
    }

    @Test
    void aHeldCrossingRaisesOneEpisodeAtTheLevelWhenItsForHasPassed() {
        Fold.Result r = run(flood(HALF_HOUR), series(2.5, 3.1, 3.2, 3.3, 3.4, 3.5));
        assertEquals(1, r.episodes().size());
        Episode e = r.episodes().get(0);
        // held from 00:10; 30 minutes later, at 00:40, it counts
        assertEquals(T0.plus(Duration.ofMinutes(40)), e.start());
        assertNull(e.end());
        assertEquals(1, e.snapshots().size());
        assertEquals(2, e.last().level());
        assertEquals(new BigDecimal("3.4"), e.last().value());
        assertEquals(T0.plus(Duration.ofMinutes(10)), e.last().from());
        assertEquals(T0, e.quietBefore());
    }

    @Test
    void aHigherHeldLevelAddsOneVersionAndFlappingInsideTheBandAddsNothing() {
        Fold.Result r = run(flood(Duration.ZERO), series(3.1, 3.5, 4.1, 3.9, 4.2, 3.85, 4.3, 3.9, 4.05, 3.81));
        Episode e = r.episodes().get(0);
        assertEquals(List.of(2, 3), e.snapshots().stream().map(Fold.Snapshot::level).toList(),
                "3.8..4.0 is level 3's band: nothing after it is reached");
    }

    @Test
    void aFallBelowClearHeldForItsForEndsTheEpisode() {
        Fold.Result r = run(flood(HALF_HOUR), series(3.2, 3.3, 3.4, 3.5, 2.7, 2.6, 2.9, 2.7, 2.6, 2.5, 2.4, 2.3));
        Episode e = r.episodes().get(0);
        assertEquals(T0.plus(Duration.ofMinutes(30)), e.start());
        // 2.7 at 00:40, 2.6 at 00:50, then 2.9 (inside the band) resets the clear; again from 01:10, ended at 01:40
        assertEquals(T0.plus(Duration.ofMinutes(100)), e.end());
        assertTrue(e.last().ended());
        assertEquals(T0.plus(Duration.ofMinutes(70)), e.last().from());
        assertEquals(T0.plus(Duration.ofMinutes(110)), r.quietAt(), "the last reading, nothing pending");
    }

    @Test
    void aFallBelowTheCurrentLevelsClearLowersItAtOnce() {
        Fold.Result r = run(flood(Duration.ZERO), series(5.1, 4.5, 3.5));
        assertEquals(List.of(4, 3, 2), r.episodes().get(0).snapshots().stream().map(Fold.Snapshot::level).toList());
    }

    @Test
    void aSingleReadingAboveWithoutForIsAnEpisodeThatTheNextReadingEnds() {
        Fold.Result r = run(flood(Duration.ZERO), series(2.0, 3.5, 2.0));
        assertEquals(1, r.episodes().size());
        Episode e = r.episodes().get(0);
        assertEquals(T0.plus(Duration.ofMinutes(10)), e.start());
        assertEquals(T0.plus(Duration.ofMinutes(20)), e.end());
        assertEquals(List.of(false, true), e.snapshots().stream().map(Fold.Snapshot::ended).toList());
    }

    @Test
    void belowLevelsWarnOfFallingValues() {
        // a reservoir: below 20 m risk 2, below 15 m risk 3; clear 21 and 16
        WarningRule reservoir = rule(null,
                List.of(new WarningRule.Level(2, null, new BigDecimal("20"), new BigDecimal("21"), Duration.ZERO),
                        new WarningRule.Level(3, null, new BigDecimal("15"), new BigDecimal("16"), Duration.ZERO)));
        Fold.Result r = run(reservoir, series(25, 19, 14, 15.5, 17, 22));
        Episode e = r.episodes().get(0);
        // 19 → 2, 14 → 3, 15.5 stays (inside level 3's band), 17 → 2, 22 ends it
        assertEquals(List.of(2, 3, 2, 2), e.snapshots().stream().map(Fold.Snapshot::level).toList());
        assertTrue(e.last().ended());
    }

    @Test
    void aSumOverAWindowMakesTheValueForRainfall() {
        // 24 h rainfall above 100 mm: hourly readings of 30 mm cross it at the fourth
        WarningRule rain = rule(new WarningRule.Aggregate(AggregateFunction.sum, Duration.ofHours(24)),
                List.of(level(3, "100", "100", Duration.ZERO)));
        List<Reading> hourly = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            hourly.add(new Reading(T0.plus(Duration.ofHours(i)), new BigDecimal("30")));
        }
        Episode e = run(rain, hourly).episodes().get(0);
        assertEquals(T0.plus(Duration.ofHours(3)), e.start());
        assertEquals(new BigDecimal("120"), e.last().value());
        assertEquals(T0.plus(Duration.ofHours(3)).minus(Duration.ofHours(24)), e.last().from(), "the window's start");
    }

    @Test
    void aRiseOverAWindow() {
        WarningRule rise = rule(new WarningRule.Aggregate(AggregateFunction.rise, Duration.ofHours(1)),
                List.of(level(3, "1.0", "0.5", Duration.ZERO)));
        Episode e = run(rise, series(1.0, 1.2, 1.5, 1.9, 2.3)).episodes().get(0);
        assertEquals(new BigDecimal("1.3"), e.last().value(), "2.3 - 1.0 within the last hour");
    }

    @Test
    void theVersionsOfAnHourAreCappedButTheLastStateIsWrittenWhenTheHourAllows() {
        WarningRule twoLevels = rule(null,
                List.of(level(2, "3.0", "2.9", Duration.ZERO), level(3, "4.0", "3.9", Duration.ZERO)));
        // flapping over a whole band: 2,3,2,3,… every 10 minutes
        double[] values = new double[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? 3.5 : 4.5;
        }
        Episode e = Fold.run(List.of(new Version(1, null, twoLevels)), series(values), null, 3).episodes().get(0);
        for (Fold.Snapshot s : e.snapshots()) {
            long inHour = e.snapshots().stream()
                    .filter(o -> !o.at().isAfter(s.at()) && o.at().isAfter(s.at().minus(Duration.ofHours(1)))).count();
            assertTrue(inHour <= 3, "at most 3 versions in the hour before " + s.at());
        }
        assertTrue(e.snapshots().size() < values.length);
    }

    @Test
    void aFoldFromItsQuietPointGivesTheSameEpisodesAsOneFromTheBeginning() {
        List<Reading> readings = series(2.0, 3.2, 3.3, 3.4, 3.5, 2.5, 2.4, 2.3, 2.2, 2.1, 3.5, 3.6, 3.7, 3.8, 3.9);
        WarningRule rule = flood(Duration.ofMinutes(20));
        Fold.Result whole = run(rule, readings);
        Episode first = whole.episodes().get(0);
        Fold.Result resumed = Fold.run(List.of(new Version(1, null, rule)), readings, first.end(), 6);
        assertEquals(whole.episodes().subList(1, whole.episodes().size()), resumed.episodes());
        assertEquals(whole.quietAt(), resumed.quietAt());
    }

    @Test
    void aNewVersionAppliesFromItsEffectiveTime() {
        WarningRule strict = flood(Duration.ZERO);
        WarningRule relaxed = rule(null, List.of(level(2, "3.5", "3.3", Duration.ZERO)));
        List<Version> versions = List.of(new Version(1, null, strict),
                new Version(2, T0.plus(Duration.ofMinutes(25)), relaxed));
        Fold.Result r = Fold.run(versions, series(2.0, 2.5, 3.2, 3.4, 3.6), null, 6);
        Episode e = r.episodes().get(0);
        assertEquals(T0.plus(Duration.ofMinutes(20)), e.start(), "3.2 enters version 1's level at 00:20");
        assertEquals(1, e.snapshots().get(0).ruleVersion());
        assertTrue(e.snapshots().stream().allMatch(s -> s.level() == 2));
    }
}
