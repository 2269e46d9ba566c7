package org.lienthong.hub.warning;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.record.OrderRetry;
import org.lienthong.hub.record.RetryTransaction;
import org.lienthong.hub.warning.ObservationStore.Pending;
import org.lienthong.hub.warning.RuleStore.EpisodeRow;
import org.lienthong.hub.warning.StationStore.StationRef;
import org.lienthong.hub.warning.dto.IndicatorDefinition;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Turns committed readings into warnings. Each ingest queues the (station, indicator) pairs it changed, from the
 * earliest observation time it touched, in its own transaction, and wakes this evaluator; a sweep every
 * {@code hub.warning.sweep} takes what no wake-up reached (other hub processes' commits, retries). One queue entry is
 * evaluated per transaction, for every rule watching that station and indicator: the entry and the rule's state at the
 * station are row-locked, so with several hub replicas on one database each is evaluated by one process at a time, and
 * an ingest that queues it again meanwhile waits and queues it after. The episode's threat is written in the same
 * transaction, so a crash leaves the entry queued and the work is done again, never half.
 *
 * <p>
 * An evaluation folds the readings from the latest quiet point before the earliest changed reading (a reading at which
 * nothing was pending or active, so the state there is known without reading further back), with every reading of the
 * aggregate window before it. The episodes that come out replace the stored ones after that point: new snapshots are
 * written to their threats in order, a threat whose content the readings now decide otherwise gets a version with that
 * content, and an episode that no longer happens at all has its threat withdrawn (tombstoned). Readings arriving in any
 * order therefore end in the same threats.
 */
@ApplicationScoped
public class Evaluator {

    private static final Logger LOG = Logger.getLogger(Evaluator.class);
    static final int MAX_ATTEMPT_DELAY_SECONDS = 300;

    @Inject
    ObservationStore observations;

    @Inject
    RuleStore rules;

    @Inject
    StationStore stations;

    @Inject
    DerivedThreats threats;

    @Inject
    HubConfig config;

    @Inject
    OrderRetry retry;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warning-evaluator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean stopping;

    /** Wakes the evaluator after a commit that changed readings; returns at once. */
    public void nudge() {
        if (!config.warning().enabled() || stopping || !scheduled.compareAndSet(false, true)) {
            return;
        }
        worker.execute(() -> {
            scheduled.set(false);
            drain();
        });
    }

    @Scheduled(every = "${hub.warning.sweep:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        nudge();
    }

    void stop(@jakarta.enterprise.event.Observes ShutdownEvent event) {
        stopping = true;
        worker.shutdown();
    }

    @PreDestroy
    void destroy() {
        worker.shutdownNow();
    }

    /** What one turn of the queue did. */
    private record Turn(Pending entry, RuntimeException failure) {
    }

    /** Evaluates queued entries until none is left (or this process stops). */
    void drain() {
        while (!stopping) {
            Turn turn;
            try {
                // overtaken by another writer of a threat: the whole evaluation runs again (see OrderRetry)
                turn = retry.inNewTransaction("evaluation", this::evaluateOne);
            } catch (RuntimeException e) {
                LOG.warnf("the evaluation queue could not be read; the sweep retries: %s", e.getMessage());
                return;
            }
            if (turn == null) {
                return;
            }
            if (turn.failure() != null) {
                // the evaluation was rolled back, releasing the entry; it is retried later, with a growing delay
                LOG.errorf(turn.failure(), "evaluating %s at %s failed", turn.entry().indicator(),
                        turn.entry().station());
                QuarkusTransaction.requiringNew()
                        .run(() -> observations.retryLater(turn.entry(), MAX_ATTEMPT_DELAY_SECONDS));
            }
        }
    }

    /** Takes one queue entry and evaluates it; {@code null} when there was none to take. */
    Turn evaluateOne() {
        List<Pending> taken = observations.takeQueued(1);
        if (taken.isEmpty()) {
            return null;
        }
        Pending p = taken.get(0);
        try {
            for (UUID rule : rules.watching(p.station(), p.indicator())) {
                evaluate(rule, p.station(), p.since());
            }
            observations.dequeue(p);
            return new Turn(p, null);
        } catch (RetryTransaction e) {
            throw e;
        } catch (RuntimeException e) {
            QuarkusTransaction.setRollbackOnly();
            return new Turn(p, e);
        }
    }

    /**
     * Evaluates one rule at one station for readings changed from {@code since} on (observation time; {@code null}:
     * everything), in the caller's transaction.
     */
    public void evaluate(UUID ruleId, String station, Instant since) {
        Optional<Instant> quietAt = rules.lockState(ruleId, station);
        List<RuleStore.StoredVersion> stored = rules.versions(ruleId);
        if (stored.isEmpty()) {
            return;
        }
        List<Fold.Version> versions = new ArrayList<>();
        Duration window = Duration.ZERO;
        for (RuleStore.StoredVersion v : stored) {
            WarningRule rule = RuleParser.parse(v.body());
            versions.add(new Fold.Version(v.version(), v.effectiveFrom(), rule));
            window = window.compareTo(rule.window()) > 0 ? window : rule.window();
        }
        WarningRule current = versions.get(versions.size() - 1).rule();
        if (current.status() == RuleStatus.inactive) {
            return;
        }
        StationRef ref = stations.refs(List.of(station)).get(station);
        IndicatorDefinition indicator = stations.indicator(current.indicator()).orElse(null);
        if (ref == null || indicator == null) {
            return;
        }
        List<EpisodeRow> episodes = rules.episodes(ruleId, station);
        Instant anchor = anchor(since, quietAt.orElse(null), episodes);
        List<Fold.Reading> readings = new ArrayList<>();
        for (ObservationStore.Point p : observations.series(station, current.indicator(),
                anchor == null ? null : anchor.minus(window), current.status() == RuleStatus.exercise)) {
            readings.add(new Fold.Reading(p.time(), BigDecimal.valueOf(p.value())));
        }
        Fold.Result result = Fold.run(versions, readings, anchor, config.warning().maxVersionsPerHour());
        reconcile(ruleId, current, ref, indicator, anchor, episodes, result, readings);
        rules.saveState(ruleId, station, result.quietAt() != null ? result.quietAt() : quietAt.orElse(null));
    }

    /**
     * The latest quiet point strictly before {@code since}: the evaluation state's, an episode's start-of-quiet or end;
     * {@code null} (the beginning) when there is none.
     */
    static Instant anchor(Instant since, Instant quietAt, List<EpisodeRow> episodes) {
        if (since == null) {
            return null;
        }
        Instant best = null;
        List<Instant> candidates = new ArrayList<>();
        candidates.add(quietAt);
        for (EpisodeRow e : episodes) {
            if (!"withdrawn".equals(e.status())) {
                candidates.add(e.quietBefore());
                candidates.add(e.endedAt());
            }
        }
        for (Instant c : candidates) {
            if (c != null && c.isBefore(since) && (best == null || c.isAfter(best))) {
                best = c;
            }
        }
        return best;
    }

    private void reconcile(UUID ruleId, WarningRule rule, StationRef station, IndicatorDefinition indicator,
            Instant anchor, List<EpisodeRow> stored, Fold.Result result, List<Fold.Reading> readings) {
        Map<UUID, EpisodeRow> before = new HashMap<>();
        for (EpisodeRow e : stored) {
            if ((anchor == null || e.startedAt().isAfter(anchor)) && !"withdrawn".equals(e.status())) {
                before.put(e.id(), e);
            }
        }
        Instant lastReading = readings.isEmpty() ? null : readings.get(readings.size() - 1).time();
        for (Fold.Episode e : result.episodes()) {
            UUID id = DerivedThreats.threatId(ruleId, station.code(), e.start());
            EpisodeRow old = before.remove(id);
            Instant gap = old == null ? null : old.dataGapSince();
            if (gap != null && lastReading != null && lastReading.isAfter(gap)) {
                gap = null; // readings again: the gap is over
                stations.dataGap(station.code(), null);
            }
            Instant written = old == null ? null : old.writtenThrough();
            for (Fold.Snapshot s : e.snapshots()) {
                if (written == null || s.at().isAfter(written)) {
                    threats.write(ruleId, rule, station, indicator, e, s, gap);
                }
            }
            // the content the readings decide now, also when they changed an earlier snapshot
            threats.write(ruleId, rule, station, indicator, e, e.last(), gap);
            rules.saveEpisode(new EpisodeRow(id, ruleId, station.code(), e.start(), e.quietBefore(), e.end(),
                    e.last().level(), e.end() == null ? "active" : "ended", e.last().at(),
                    e.end() == null ? lastReading : e.end(), e.end() == null ? gap : null));
        }
        for (EpisodeRow gone : before.values()) {
            threats.withdraw(ruleId, rule, gone.id());
            rules.saveEpisode(new EpisodeRow(gone.id(), ruleId, station.code(), gone.startedAt(), gone.quietBefore(),
                    gone.endedAt(), gone.level(), "withdrawn", gone.writtenThrough(), gone.lastReadingAt(), null));
        }
    }

    /**
     * Queues every station a rule version watches for evaluation from {@code from} (the version's effective time), in
     * the caller's transaction; the evaluator is woken after it commits.
     */
    public void queue(WarningRule rule, Instant from) {
        for (StationRef s : stations.watched(rule.stations(), rule.adminCodes())) {
            observations.enqueue(s.code(), rule.indicator(), from);
        }
    }
}
