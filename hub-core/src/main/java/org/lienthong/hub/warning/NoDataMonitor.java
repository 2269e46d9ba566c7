package org.lienthong.hub.warning;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.record.OrderRetry;
import org.lienthong.hub.warning.RuleStore.EpisodeRow;
import org.lienthong.hub.warning.StationStore.StationRef;

import io.quarkus.scheduler.Scheduled;

/**
 * A silent station never ends a warning: when an active episode's station has sent no reading of the rule's indicator
 * for the rule's {@code noDataAfter}, its threat gets a version with {@code dataGapSince} (the last reading's time) and
 * the station is marked too; the first reading after the gap clears both (the evaluator does that).
 */
@ApplicationScoped
public class NoDataMonitor {

    private static final Logger LOG = Logger.getLogger(NoDataMonitor.class);

    @Inject
    RuleStore rules;

    @Inject
    StationStore stations;

    @Inject
    ObservationStore observations;

    @Inject
    DerivedThreats threats;

    @Inject
    HubConfig config;

    @Inject
    OrderRetry retry;

    @Scheduled(every = "${hub.warning.no-data-check:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!config.warning().enabled()) {
            return;
        }
        check(Instant.now());
    }

    /** Marks the silent stations of active episodes as of {@code now}; the number marked. */
    public int check(Instant now) {
        int marked = 0;
        for (EpisodeRow e : rules.active()) {
            if (e.dataGapSince() != null) {
                continue;
            }
            try {
                marked += retry.inNewTransaction("no-data check", () -> mark(e.ruleId(), e.station(), now)) ? 1 : 0;
            } catch (RuntimeException ex) {
                LOG.warnf("the data-gap check of %s at %s failed: %s", e.ruleId(), e.station(), ex.getMessage());
            }
        }
        return marked;
    }

    private boolean mark(java.util.UUID ruleId, String station, Instant now) {
        rules.lockState(ruleId, station);
        List<RuleStore.StoredVersion> versions = rules.versions(ruleId);
        WarningRule rule = RuleParser.parse(versions.get(versions.size() - 1).body());
        if (rule.noDataAfter() == null || rule.status() == RuleStatus.inactive) {
            return false;
        }
        EpisodeRow e = rules.episodes(ruleId, station).stream().filter(x -> "active".equals(x.status())).findFirst()
                .orElse(null);
        if (e == null || e.dataGapSince() != null) {
            return false;
        }
        Instant last = observations.latest(station, rule.indicator());
        if (last == null || !last.plus(rule.noDataAfter()).isBefore(now)) {
            return false;
        }
        StationRef ref = stations.refs(List.of(station)).get(station);
        var indicator = stations.indicator(rule.indicator()).orElseThrow();
        // the episode's latest snapshot again, with the gap: re-derived so that its content stays the readings'
        Fold.Episode episode = currentEpisode(ruleId, rule, station, e);
        if (episode == null) {
            return false;
        }
        threats.write(ruleId, rule, ref, indicator, episode, episode.last(), last);
        rules.saveEpisode(new EpisodeRow(e.id(), e.ruleId(), e.station(), e.startedAt(), e.quietBefore(), e.endedAt(),
                e.level(), e.status(), e.writtenThrough(), e.lastReadingAt(), last));
        stations.dataGap(station, last);
        return true;
    }

    /** The active episode as the readings decide it (folded from its quiet point). */
    private Fold.Episode currentEpisode(java.util.UUID ruleId, WarningRule rule, String station, EpisodeRow e) {
        List<Fold.Version> versions = rules.versions(ruleId).stream()
                .map(v -> new Fold.Version(v.version(), v.effectiveFrom(), RuleParser.parse(v.body()))).toList();
        java.time.Duration window = versions.stream().map(v -> v.rule().window()).max(java.time.Duration::compareTo)
                .orElse(java.time.Duration.ZERO);
        Instant anchor = e.quietBefore();
        List<Fold.Reading> readings = observations
                .series(station, rule.indicator(), anchor == null ? null : anchor.minus(window),
                        rule.status() == RuleStatus.exercise)
                .stream().map(p -> new Fold.Reading(p.time(), java.math.BigDecimal.valueOf(p.value()))).toList();
        return Fold.run(versions, readings, anchor, config.warning().maxVersionsPerHour()).episodes().stream()
                .filter(x -> x.start().equals(e.startedAt())).findFirst().orElse(null);
    }
}
