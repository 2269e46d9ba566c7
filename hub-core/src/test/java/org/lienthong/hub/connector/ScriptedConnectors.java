package org.lienthong.hub.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConfigField;
import org.lienthong.hub.api.connector.ConfigField.Type;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;

/**
 * Connector types whose behaviour a test scripts: {@code test-source} serves a list of items in batches from a numeric
 * checkpoint and fails on demand; {@code test-sink} records what it is given and answers per hash as told. Registered
 * with ServiceLoader from the test class path, exactly as a real connector is.
 */
public final class ScriptedConnectors {

    /** A source's script and what the hub did with it. */
    public static final class Feed {
        public final List<SourceItem> items = new CopyOnWriteArrayList<>();
        public final List<String> checkpointsSeen = new CopyOnWriteArrayList<>();
        public final List<Instant> polls = new CopyOnWriteArrayList<>();
        public final AtomicInteger transientFailures = new AtomicInteger();
        public final AtomicInteger fatalFailures = new AtomicInteger();
        public final AtomicInteger opened = new AtomicInteger();
        /** The secret the connector was given, to show it arrives (tests only). */
        public volatile String secret;
    }

    /** A sink's script and what it received. */
    public static final class Target {
        public final List<Change> received = new CopyOnWriteArrayList<>();
        public volatile Function<Change, Delivery> answer = c -> Delivery.ok();
        /** While true, every delivery fails as a whole (transiently). */
        public volatile boolean unreachable;
        public final AtomicInteger attempts = new AtomicInteger();
    }

    public static final Map<String, Feed> FEEDS = new ConcurrentHashMap<>();
    public static final Map<String, Target> TARGETS = new ConcurrentHashMap<>();

    private ScriptedConnectors() {
    }

    public static Feed feed(String name) {
        return FEEDS.computeIfAbsent(name, n -> new Feed());
    }

    public static Target target(String name) {
        return TARGETS.computeIfAbsent(name, n -> new Target());
    }

    public static final class SourceType implements ConnectorType {
        @Override
        public String name() {
            return "test-source";
        }

        @Override
        public String description() {
            return "Scripted source for tests";
        }

        @Override
        public List<ConfigField> configuration() {
            return List.of(ConfigField.required("feed", Type.STRING, "script name"),
                    new ConfigField("apiKey", Type.STRING, false, null, true, "a secret", List.of()),
                    ConfigField.optional("batch", Type.INTEGER, "2", "items per poll"),
                    ConfigField.optional("location", Type.URL, null, "where the items would come from"));
        }

        @Override
        public List<ConfigProblem> validate(ConnectorConfig config) {
            long batch = config.integer("batch").orElseThrow();
            return batch < 1 || batch > 100 ? List.of(new ConfigProblem("batch", "must be from 1 to 100")) : List.of();
        }

        @Override
        public Connector open(ConnectorConfig config, ConnectorContext context) {
            Feed feed = feed(config.string("feed").orElseThrow());
            feed.opened.incrementAndGet();
            config.secret("apiKey").ifPresent(s -> feed.secret = s.reveal());
            int batch = config.integer("batch").orElseThrow().intValue();
            return new SourceConnector() {
                @Override
                public SourceBatch poll(String checkpoint, Duration timeLimit) throws ConnectorException {
                    feed.polls.add(Instant.now());
                    feed.checkpointsSeen.add(String.valueOf(checkpoint));
                    if (feed.fatalFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new ConnectorException("credentials refused", false);
                    }
                    if (feed.transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new ConnectorException("source unreachable", true);
                    }
                    int start = checkpoint == null ? 0 : Integer.parseInt(checkpoint);
                    int end = Math.min(feed.items.size(), start + batch);
                    return new SourceBatch(new ArrayList<>(feed.items.subList(start, end)), String.valueOf(end),
                            end < feed.items.size());
                }

                @Override
                public Duration interval() {
                    return Duration.ofMillis(100);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    public static final class SinkType implements ConnectorType {
        @Override
        public String name() {
            return "test-sink";
        }

        @Override
        public String description() {
            return "Scripted sink for tests";
        }

        @Override
        public List<ConfigField> configuration() {
            return List.of(ConfigField.required("target", Type.STRING, "script name"));
        }

        @Override
        public List<ConfigProblem> validate(ConnectorConfig config) {
            return List.of();
        }

        @Override
        public Connector open(ConnectorConfig config, ConnectorContext context) {
            Target target = target(config.string("target").orElseThrow());
            return new SinkConnector() {
                @Override
                public List<Delivery> deliver(List<Change> changes, Duration timeLimit) throws ConnectorException {
                    target.attempts.incrementAndGet();
                    if (target.unreachable) {
                        throw new ConnectorException("receiver unreachable", true);
                    }
                    List<Delivery> out = new ArrayList<>();
                    for (Change c : changes) {
                        Delivery d = target.answer.apply(c);
                        if (d instanceof Delivery.Ok) {
                            target.received.add(c);
                        }
                        out.add(d);
                    }
                    return out;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
