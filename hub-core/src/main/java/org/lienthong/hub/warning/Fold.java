package org.lienthong.hub.warning;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of one warning rule at one station: a pure function of the station's readings of the rule's indicator,
 * in observation time order, and of the rule's versions (each applying from its effective time). The same readings,
 * however and in whatever order they arrived, give the same episodes; reading them again gives nothing new.
 *
 * <p>
 * The state machine (EARLY-WARNING.md): <em>normal</em>; a level's condition ({@code above} / {@code below} its
 * threshold, on the rule's aggregate of the readings) held for its {@code for} makes the episode <em>active</em> at the
 * highest such level; a higher level held for its {@code for} raises it; a value on the normal side of the current
 * level's {@code clear} lowers it at once to the highest level whose {@code clear} still holds; a value on the normal
 * side of the lowest level's {@code clear} for that level's {@code for} <em>ends</em> it. Between a threshold and its
 * {@code clear} nothing changes (hysteresis), so a value flapping inside the band adds nothing.
 *
 * <p>
 * Each activation, level change and end is a {@link Snapshot}: a version of the episode's threat. At most
 * {@code maxPerHour} snapshots of an episode fall in any hour of observation time; a level change beyond that is held
 * back and written with the next reading once the hour allows it (activations and ends are never held back).
 */
public final class Fold {

    private static final MathContext MEAN = MathContext.DECIMAL64;

    /** A reading that counts (its quality is not {@code bad}). */
    public record Reading(Instant time, BigDecimal value) {
    }

    /** A version of the rule and the observation time from which it applies ({@code null}: always). */
    public record Version(int number, Instant effectiveFrom, WarningRule rule) {
    }

    /**
     * One version of an episode's threat.
     *
     * @param at
     *            the observation time of the reading that decided it
     * @param level
     *            the risk level (for an end: the level it ended from)
     * @param value
     *            the value compared with the levels (the aggregate)
     * @param from
     *            the observation time since which the deciding condition held (for an aggregate: the start of its
     *            window at that time)
     */
    public record Snapshot(Instant at, int level, boolean ended, BigDecimal value, Instant from, int ruleVersion) {
    }

    /**
     * An episode: it became active at {@code start} (an observation time) and ended at {@code end} ({@code null} while
     * active); {@code quietBefore} is the last quiet observation time before it.
     */
    public record Episode(Instant start, Instant quietBefore, Instant end, List<Snapshot> snapshots) {

        public Snapshot last() {
            return snapshots.get(snapshots.size() - 1);
        }
    }

    /**
     * The episodes that began at or after the anchor, oldest first, and the latest observation time at which nothing
     * was pending or active ({@code null} when there was none).
     */
    public record Result(List<Episode> episodes, Instant quietAt) {
    }

    private Fold() {
    }

    /**
     * Evaluates {@code readings} (time order, without duplicates) from {@code anchor}: readings before the anchor only
     * feed aggregate windows. The anchor must be a quiet point (nothing pending or active there) or {@code null} for
     * the beginning.
     */
    public static Result run(List<Version> versions, List<Reading> readings, Instant anchor, int maxPerHour) {
        Run run = new Run(versions, readings, maxPerHour);
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            if (anchor != null && !r.time().isAfter(anchor)) {
                continue;
            }
            run.step(i);
        }
        return new Result(run.episodes(), run.quietAt);
    }

    /** The version that applies to a reading at {@code t}: the latest whose effective time is not after it. */
    static Version versionAt(List<Version> versions, Instant t) {
        Version chosen = null;
        for (Version v : versions) {
            if (v.effectiveFrom() == null || !v.effectiveFrom().isAfter(t)) {
                if (chosen == null || v.number() > chosen.number()) {
                    chosen = v;
                }
            }
        }
        return chosen;
    }

    /** The value a rule compares at reading {@code i}: the reading, or the aggregate over the window ending there. */
    static BigDecimal value(WarningRule rule, List<Reading> readings, int i) {
        Reading r = readings.get(i);
        if (rule.aggregate() == null || rule.aggregate().fn() == AggregateFunction.last) {
            return normal(r.value());
        }
        Instant start = r.time().minus(rule.aggregate().window());
        int first = i;
        while (first > 0 && readings.get(first - 1).time().isAfter(start)) {
            first--;
        }
        BigDecimal result = switch (rule.aggregate().fn()) {
        case sum -> {
            BigDecimal s = BigDecimal.ZERO;
            for (int k = first; k <= i; k++) {
                s = s.add(readings.get(k).value());
            }
            yield s;
        }
        case max -> {
            BigDecimal m = readings.get(first).value();
            for (int k = first + 1; k <= i; k++) {
                m = m.max(readings.get(k).value());
            }
            yield m;
        }
        case mean -> {
            BigDecimal s = BigDecimal.ZERO;
            for (int k = first; k <= i; k++) {
                s = s.add(readings.get(k).value());
            }
            yield s.divide(BigDecimal.valueOf(i - first + 1L), MEAN);
        }
        case rise -> r.value().subtract(readings.get(first).value());
        case last -> r.value();
        };
        return normal(result);
    }

    /** Without trailing zeros, and never in exponent form (120, not 1.2E+2). */
    static BigDecimal normal(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static final class Run {
        final List<Version> versions;
        final List<Reading> readings;
        final int maxPerHour;
        final List<Episode> episodes = new ArrayList<>();
        Instant quietAt;

        /** Since when each level's condition has held without a break. */
        final Map<Integer, Instant> holdSince = new HashMap<>();
        int level;
        Instant start;
        Instant quietBefore;
        Instant clearSince;
        boolean heldBack;
        List<Snapshot> snapshots;
        final Deque<Instant> recent = new ArrayDeque<>();

        Run(List<Version> versions, List<Reading> readings, int maxPerHour) {
            this.versions = versions;
            this.readings = readings;
            this.maxPerHour = maxPerHour;
        }

        void step(int i) {
            Reading r = readings.get(i);
            Instant t = r.time();
            Version version = versionAt(versions, t);
            if (version == null) {
                return;
            }
            WarningRule rule = version.rule();
            List<WarningRule.Level> levels = rule.levels();
            BigDecimal v = value(rule, readings, i);
            Instant windowStart = rule.window().isZero() ? null : t.minus(rule.window());
            for (WarningRule.Level l : levels) {
                if (l.enters(v)) {
                    holdSince.putIfAbsent(l.riskLevel(), t);
                } else {
                    holdSince.remove(l.riskLevel());
                }
            }
            holdSince.keySet().removeIf(risk -> levels.stream().noneMatch(l -> l.riskLevel() == risk));
            WarningRule.Level up = null;
            for (WarningRule.Level l : levels) {
                Instant since = holdSince.get(l.riskLevel());
                if (l.riskLevel() > level && since != null && Duration.between(since, t).compareTo(l.hold()) >= 0) {
                    up = l;
                }
            }
            if (level == 0) {
                if (up != null) {
                    level = up.riskLevel();
                    start = t;
                    quietBefore = quietAt;
                    clearSince = null;
                    heldBack = false;
                    snapshots = new ArrayList<>();
                    recent.clear();
                    emit(t, v, from(holdSince.get(up.riskLevel()), windowStart), version, false);
                } else if (holdSince.isEmpty()) {
                    quietAt = t;
                }
                return;
            }
            WarningRule.Level lowest = levels.get(0);
            WarningRule.Level current = levelAtOrBelow(levels, level);
            if (up != null) {
                level = up.riskLevel();
                clearSince = null;
                change(t, v, from(holdSince.get(up.riskLevel()), windowStart), version);
            } else if (current.cleared(v)) {
                WarningRule.Level down = null;
                for (WarningRule.Level l : levels) {
                    if (l.riskLevel() < current.riskLevel() && !l.cleared(v)) {
                        down = l;
                    }
                }
                if (down != null) {
                    level = down.riskLevel();
                    clearSince = null;
                    change(t, v, t, version);
                } else {
                    if (level != lowest.riskLevel()) {
                        level = lowest.riskLevel();
                        change(t, v, t, version);
                    }
                    if (clearSince == null) {
                        clearSince = t;
                    }
                    if (Duration.between(clearSince, t).compareTo(lowest.hold()) >= 0) {
                        emit(t, v, clearSince, version, true);
                        episodes.add(new Episode(start, quietBefore, t, List.copyOf(snapshots)));
                        level = 0;
                        start = null;
                        snapshots = null;
                        clearSince = null;
                        if (holdSince.isEmpty()) {
                            quietAt = t;
                        }
                        return;
                    }
                }
            } else {
                clearSince = null;
                if (heldBack && snapshots.get(snapshots.size() - 1).level() != level) {
                    change(t, v, t, version);
                } else if (heldBack) {
                    heldBack = false;
                }
            }
        }

        /** The episodes, with the one still active at the last reading. */
        List<Episode> episodes() {
            List<Episode> out = new ArrayList<>(episodes);
            if (snapshots != null) {
                out.add(new Episode(start, quietBefore, null, List.copyOf(snapshots)));
            }
            return out;
        }

        /** A level change: written unless the episode already had its hour's share of versions. */
        private void change(Instant t, BigDecimal v, Instant from, Version version) {
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(t.minus(Duration.ofHours(1)))) {
                recent.pollFirst();
            }
            if (recent.size() >= maxPerHour) {
                heldBack = true;
                return;
            }
            heldBack = false;
            emit(t, v, from, version, false);
        }

        private void emit(Instant t, BigDecimal v, Instant from, Version version, boolean ended) {
            snapshots.add(new Snapshot(t, level, ended, v, from, version.number()));
            recent.addLast(t);
        }

        private static Instant from(Instant holdStart, Instant windowStart) {
            return windowStart != null && windowStart.isBefore(holdStart) ? windowStart : holdStart;
        }

        /** The rule's level at {@code risk}, or the highest below it (a new version may have dropped a level). */
        private static WarningRule.Level levelAtOrBelow(List<WarningRule.Level> levels, int risk) {
            WarningRule.Level found = levels.get(0);
            for (WarningRule.Level l : levels) {
                if (l.riskLevel() <= risk) {
                    found = l;
                }
            }
            return found;
        }
    }
}
