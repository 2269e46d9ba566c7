package org.lienthong.hub.connector;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.lienthong.hub.access.Access;
import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.connector.InstanceStore.DeadLetter;
import org.lienthong.hub.connector.InstanceStore.Instance;
import org.lienthong.hub.feed.ChangeCursor;
import org.lienthong.hub.feed.ChangeFeed;
import org.lienthong.hub.feed.ChangeSignal;
import org.lienthong.hub.org.OrganizationRegistry;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.security.Caller;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the connector instances. A supervisor thread looks at the instances every {@code hub.connectors.tick}: it takes
 * the database lease of each instance that should run and that no other hub process holds, starts a {@link Runner} for
 * it, renews the leases it holds, and stops runners that were paused, reconfigured, deleted or lost their lease. A
 * runner opens the connector and runs a thread per lane (source, sink); each lane polls or delivers, writes through
 * {@link LaneWriter} (checkpoint in the same transaction), and on failure retries with exponential backoff and jitter.
 * A non-transient failure fails the instance; the supervisor restarts it after a capped, growing delay.
 */
@ApplicationScoped
public class ConnectorRuntime {

    private static final Logger LOG = Logger.getLogger(ConnectorRuntime.class);

    static final String SOURCE = "source";
    static final String SINK = "sink";

    @Inject
    HubConfig config;

    @Inject
    InstanceStore store;

    @Inject
    ConnectorTypes types;

    @Inject
    LaneWriter writer;

    @Inject
    ChangeFeed feed;

    @Inject
    ChangeSignal signal;

    @Inject
    OrganizationRegistry registry;

    @Inject
    org.lienthong.hub.config.HubMetrics metrics;

    private final Map<String, Runner> runners = new ConcurrentHashMap<>();
    private final Semaphore nudge = new Semaphore(0);
    private volatile boolean running;
    private Thread supervisor;
    private String processId;

    void start(@Observes StartupEvent event) {
        processId = config.id() + "/" + UUID.randomUUID().toString().substring(0, 8);
        if (!config.connectors().enabled()) {
            LOG.info("connector runtime disabled (hub.connectors.enabled=false)");
            return;
        }
        running = true;
        supervisor = Thread.ofVirtual().name("connector-supervisor").start(this::supervise);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (supervisor == null) {
            return;
        }
        nudge.release();
        supervisor.join(Duration.ofSeconds(5));
        List<Runner> all = new ArrayList<>(runners.values());
        all.forEach(Runner::stop);
        for (Runner r : all) {
            r.join(config.connectors().timeLimit());
            store.releaseLease(r.name, processId);
        }
        runners.clear();
    }

    /** Looks at the instances now rather than at the next tick (after an API call changed one). */
    public void nudge() {
        nudge.release();
    }

    /** The only directory file URLs in connector configurations may point into (absolute, normalised). */
    java.nio.file.Path fileRoot() {
        return config.connectors().fileRoot().toAbsolutePath().normalize();
    }

    private void supervise() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warnf("connector supervisor: %s", e.toString());
            }
            try {
                nudge.tryAcquire(config.connectors().tick().toMillis(), TimeUnit.MILLISECONDS);
                nudge.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One look at every instance. */
    void tick() {
        Set<String> held = runners.isEmpty() ? Set.of() : store.renewLeases(processId, config.connectors().lease());
        Set<String> present = new HashSet<>();
        Instant now = Instant.now();
        for (Instance i : store.all()) {
            present.add(i.name());
            Runner r = runners.get(i.name());
            boolean wanted = running && !i.paused()
                    && (i.failure() == null || i.restartAt() == null || !now.isBefore(i.restartAt()));
            if (r != null) {
                if (!wanted || r.finished() || !held.contains(i.name()) || r.generation != i.generation()) {
                    retire(r);
                } else if (i.runRequested() && store.takeRunRequest(i.name())) {
                    r.wake();
                }
                continue;
            }
            if (wanted && store.tryLease(i.name(), processId, config.connectors().lease())) {
                if (i.runRequested()) {
                    store.takeRunRequest(i.name());
                }
                Runner started = new Runner(i);
                runners.put(i.name(), started);
                started.start();
            }
        }
        for (Runner r : List.copyOf(runners.values())) {
            if (!present.contains(r.name)) {
                retire(r);
            }
        }
    }

    private void retire(Runner r) {
        r.stop();
        r.join(config.connectors().timeLimit());
        runners.remove(r.name, r);
        store.releaseLease(r.name, processId);
    }

    Access access(Instance i) {
        return new Access(Caller.connector(i.name(), i.actAsOrg(), i.actAsClearance()), registry::path);
    }

    ConnectorContext context(String name) {
        System.Logger logger = System.getLogger("org.lienthong.connector." + name);
        String hubId = config.id();
        return new ConnectorContext() {
            @Override
            public String instanceName() {
                return name;
            }

            @Override
            public String hubId() {
                return hubId;
            }

            @Override
            public System.Logger logger() {
                return logger;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
    }

    /** Opens a connector for an instance as stored (used by runners and by sink replays). */
    Connector open(Instance i) throws ConnectorException {
        ConnectorType type = types.get(i.type()).orElseThrow(
                () -> new ConnectorException("connector type " + i.type() + " is not installed on this hub", false));
        ConfigBinder.Bound bound = ConfigBinder.bind(type, i.config(), i.secrets(), fileRoot());
        if (!bound.ok()) {
            throw new ConnectorException("the stored configuration is no longer valid: " + bound.problems(), false);
        }
        return type.open(bound.config(), context(i.name()));
    }

    /** A change as sinks receive it. */
    static Change change(ChangeFeed.Change c) {
        var v = c.record().version();
        String op = v.deleted() ? "delete" : v.version() == 1 ? "create" : "update";
        return new Change(v.kind(), v.id().toString(), v.version(), v.hash(), op,
                new String(RecordJson.bytes(c.record()), StandardCharsets.UTF_8));
    }

    /** One running instance: its connector and a thread per lane. */
    final class Runner {

        final String name;
        final int generation;
        private final Instance instance;
        private final Access access;
        private final List<Thread> threads = new ArrayList<>();
        private final Semaphore wake = new Semaphore(0);
        private volatile boolean stopping;
        private volatile boolean finished;
        /** Guards {@link #polling}: a stop interrupts the source lane only while it waits in {@code poll}. */
        private final Object pollLock = new Object();
        private Thread polling;
        private volatile boolean pollCancelled;
        private Thread main;
        private Connector connector;

        Runner(Instance instance) {
            this.instance = instance;
            this.name = instance.name();
            this.generation = instance.generation();
            this.access = access(instance);
        }

        void start() {
            main = Thread.ofVirtual().name("connector-" + name).start(this::run);
        }

        boolean finished() {
            return finished;
        }

        void wake() {
            wake.release(2);
        }

        /**
         * Asks the lanes to stop after what they are doing. A sink finishes its delivery and saves its checkpoint. A
         * source that is waiting in {@code poll} (a hub-peer long-poll on its peer may wait up to 25 s) is interrupted:
         * nothing has been written for that poll, its checkpoint stays where it was, and the next runner asks again
         * from there, so stopping does not wait for the peer. A poll that has returned is written as usual.
         */
        void stop() {
            stopping = true;
            synchronized (pollLock) {
                if (polling != null) {
                    pollCancelled = true;
                    polling.interrupt();
                }
            }
            wake();
        }

        void join(Duration limit) {
            try {
                if (main != null && !main.join(limit)) {
                    LOG.warnf("connector %s: still busy after %s; leaving it to finish", name, limit);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            try {
                connector = open(instance);
            } catch (ConnectorException e) {
                fail(e.getMessage());
                return;
            } catch (RuntimeException e) {
                fail("the connector failed to start: " + e.getClass().getSimpleName());
                LOG.warnf(e, "connector %s failed to start", name);
                return;
            }
            try {
                if (connector instanceof SourceConnector s) {
                    store.ensureLane(name, SOURCE);
                    threads.add(Thread.ofVirtual().name("connector-" + name + "-source").start(() -> lane(SOURCE, s)));
                }
                if (connector instanceof SinkConnector s) {
                    store.ensureLane(name, SINK);
                    threads.add(Thread.ofVirtual().name("connector-" + name + "-sink").start(() -> lane(SINK, s)));
                }
                if (threads.isEmpty()) {
                    fail("connector type " + instance.type() + " opened an object that is neither source nor sink");
                }
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warnf("connector %s: %s", name, e.toString());
            } finally {
                try {
                    connector.close();
                } catch (RuntimeException e) {
                    LOG.warnf("connector %s: close failed: %s", name, e.getClass().getSimpleName());
                }
                finished = true;
                nudge();
            }
        }

        /** The instance fails: every lane stops and the supervisor restarts it after a growing, capped delay. */
        private void fail(String why) {
            int restarts = instance.restarts() + 1;
            Duration delay = new Backoff(config.connectors().restartBase(), config.connectors().restartCap())
                    .delay(restarts, ThreadLocalRandom.current()::nextDouble);
            store.markFailed(name, why, restarts, Instant.now().plus(delay));
            LOG.warnf("connector %s failed (%s); restart %d in %d ms", name, why, restarts, delay.toMillis());
            stopping = true;
            finished = true;
            wake();
        }

        private void lane(String lane, Object connector) {
            Backoff retry = new Backoff(config.connectors().retryBase(), config.connectors().retryCap());
            Optional<InstanceStore.Lane> stored = store.lane(name, lane);
            String checkpoint = stored.map(InstanceStore.Lane::checkpoint).orElse(null);
            int failures = stored.map(InstanceStore.Lane::consecutiveFailures).orElse(0);
            boolean healthy = instance.failure() == null;
            Instant next = Instant.now();
            while (!stopping) {
                long generationSeen = signal.generation();
                Duration wait = Duration.between(Instant.now(), next);
                if (!wait.isNegative() && !wait.isZero()) {
                    pause(lane, wait, generationSeen, failures > 0);
                    if (!woken(lane)) {
                        continue;
                    }
                }
                try {
                    Cycle c = SOURCE.equals(lane) ? source((SourceConnector) connector, checkpoint)
                            : sink((SinkConnector) connector, checkpoint);
                    if (c == null) {
                        return; // stopped before or while polling: nothing to write, not a failure
                    }
                    checkpoint = c.checkpoint();
                    if (c.retry() != null) { // a sink was told to retry an item later
                        failures++;
                        next = Instant.now().plus(c.retry().after() != null ? c.retry().after()
                                : retry.delay(failures, ThreadLocalRandom.current()::nextDouble));
                        store.recordFailure(name, lane, "delivery postponed: " + c.retry().reason(), next);
                        metrics.connectorRun(name, lane, "retry", c.items());
                        continue;
                    }
                    next = c.more() ? Instant.now() : Instant.now().plus(c.idle());
                    if (c.items() > 0) {
                        metrics.connectorRun(name, lane, "ok", c.items());
                    }
                    if (c.items() > 0 || failures > 0 || SOURCE.equals(lane)) {
                        store.recordSuccess(name, lane, c.items(), next);
                    }
                    if (failures > 0) {
                        LOG.infof("connector %s %s lane: working again after %d failures", name, lane, failures);
                    }
                    failures = 0;
                    if (!healthy) {
                        store.clearFailure(name);
                        healthy = true;
                    }
                } catch (ConnectorException e) {
                    metrics.connectorRun(name, lane, e.transientFailure() ? "retry" : "failed", 0);
                    if (!e.transientFailure()) {
                        fail(e.getMessage());
                        return;
                    }
                    failures++;
                    next = Instant.now().plus(retry.delay(failures, ThreadLocalRandom.current()::nextDouble));
                    store.recordFailure(name, lane, e.getMessage(), next);
                    if (failures == 1) {
                        LOG.warnf("connector %s %s lane: %s; retrying with backoff", name, lane, e.getMessage());
                    }
                } catch (LaneWriter.LeaseLost e) {
                    LOG.infof("connector %s: %s", name, e.getMessage());
                    stopping = true;
                } catch (RuntimeException e) {
                    metrics.connectorRun(name, lane, "retry", 0);
                    failures++;
                    next = Instant.now().plus(retry.delay(failures, ThreadLocalRandom.current()::nextDouble));
                    // the class and message of hub or connector errors; connectors must keep secrets out of messages
                    store.recordFailure(name, lane, e.getClass().getSimpleName() + ": " + e.getMessage(), next);
                    if (failures == 1) {
                        LOG.warnf(e, "connector %s %s lane failed; retrying with backoff", name, lane);
                    }
                }
            }
        }

        private boolean wokenFlag;

        private void pause(String lane, Duration wait, long generationSeen, boolean backingOff) {
            long millis = Math.min(wait.toMillis(), config.connectors().tick().toMillis());
            try {
                if (SINK.equals(lane) && !backingOff) {
                    // an idle sink wakes as soon as something is committed; one backing off waits its delay out
                    signal.awaitChange(generationSeen, millis);
                    wokenFlag = signal.generation() != generationSeen || wake.tryAcquire();
                } else {
                    wokenFlag = wake.tryAcquire(millis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }

        private boolean woken(String lane) {
            boolean w = wokenFlag;
            wokenFlag = false;
            return w && !stopping;
        }

        private Cycle source(SourceConnector source, String checkpoint) throws ConnectorException {
            SourceBatch batch;
            synchronized (pollLock) {
                if (stopping) {
                    return null;
                }
                polling = Thread.currentThread();
            }
            try {
                batch = source.poll(checkpoint, config.connectors().timeLimit());
            } catch (ConnectorException | RuntimeException e) {
                if (pollCancelled) {
                    return null; // the stop's interrupt ended the poll
                }
                throw e;
            } finally {
                synchronized (pollLock) {
                    polling = null;
                    // an interrupt that came as poll returned must not reach the write below
                    Thread.interrupted();
                }
            }
            LaneWriter.Written w = null;
            for (int attempt = 1; w == null; attempt++) {
                try {
                    w = writer.source(name, processId, access, batch.items(), batch.checkpoint());
                } catch (org.lienthong.hub.record.RetryTransaction | org.lienthong.hub.record.StoreException e) {
                    if (attempt == 5) {
                        throw e;
                    }
                    if (e instanceof org.lienthong.hub.record.RetryTransaction) {
                        metrics.retried("connector source");
                    }
                    LOG.debugf("retrying the source batch of %s (attempt %d): %s", name, attempt, e.getMessage());
                    sleepQuietly(ThreadLocalRandom.current().nextLong(5, 50L * attempt));
                }
            }
            metrics.deadLetters(name, SOURCE, w.deadLettered());
            return new Cycle(batch.checkpoint(), batch.more(), batch.items().size(), source.interval(), null);
        }

        private Cycle sink(SinkConnector sink, String checkpoint) throws ConnectorException {
            ChangeCursor after = checkpoint == null ? ChangeCursor.START : ChangeCursor.decode(checkpoint);
            if (after == null) {
                throw new ConnectorException("the sink checkpoint is not a change-feed cursor", false);
            }
            // drills only for sinks that ask for them; the others step over them like over what they may not read
            ChangeFeed.Page page = feed.read(after, Vocabulary.wireValues(RecordKind.class), sink.includeExercises(),
                    config.connectors().sinkBatch(), access);
            if (page.changes().isEmpty()) {
                String next = page.next().encode();
                if (!next.equals(checkpoint)) {
                    writer.sink(name, processId, List.of(), next);
                }
                return new Cycle(next, page.more(), 0, config.connectors().tick(), null);
            }
            List<Change> changes = page.changes().stream().map(ConnectorRuntime::change).toList();
            List<Delivery> outcomes = sink.deliver(changes, config.connectors().timeLimit());
            if (outcomes == null || outcomes.size() != changes.size()) {
                throw new ConnectorException("the sink returned " + (outcomes == null ? "no" : outcomes.size())
                        + " outcomes for " + changes.size() + " changes", true);
            }
            List<DeadLetter> dead = new ArrayList<>();
            String cursor = checkpoint;
            Delivery.RetryLater postponed = null;
            int done = 0;
            for (int i = 0; i < changes.size(); i++) {
                Delivery d = outcomes.get(i);
                if (d instanceof Delivery.RetryLater r) {
                    postponed = r;
                    break;
                }
                if (d instanceof Delivery.Rejected r) {
                    Change c = changes.get(i);
                    dead.add(new DeadLetter(UUID.randomUUID(), name, SINK, "change", c.kind(), UUID.fromString(c.id()),
                            c.hash(), c.json(), c.op(), r.reason() == null ? "rejected" : r.reason(), 1, "open", null,
                            null, null));
                }
                done++;
                cursor = page.changes().get(i).cursor().encode();
            }
            if (postponed == null) {
                cursor = page.next().encode();
            }
            if (!java.util.Objects.equals(cursor, checkpoint) || !dead.isEmpty()) {
                writer.sink(name, processId, dead, cursor);
            }
            metrics.deadLetters(name, SINK, dead.size());
            return new Cycle(cursor, page.more() || (postponed == null && done > 0), done, config.connectors().tick(),
                    postponed);
        }
    }

    /** What one run of a lane did. */
    private record Cycle(String checkpoint, boolean more, int items, Duration idle, Delivery.RetryLater retry) {
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
