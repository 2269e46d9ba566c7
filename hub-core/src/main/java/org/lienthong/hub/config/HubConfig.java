package org.lienthong.hub.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The hub's own settings, under the {@code hub.} prefix (environment: {@code HUB_…}). */
@ConfigMapping(prefix = "hub")
public interface HubConfig {

    /** This hub's id in the federation, written into the provenance of every version it authors. */
    @WithDefault("local")
    String id();

    /** Paging of record lists. */
    Page page();

    /** Conveniences for a developer's machine; all off unless set. */
    Dev dev();

    /** The organisation registry. */
    Organizations organizations();

    /** The connector runtime. */
    Connectors connectors();

    /** The early warning: evaluation of observations under warning rules. */
    Warning warning();

    interface Warning {
        /** Whether this hub process evaluates readings (the API works either way). Env: HUB_WARNING_ENABLED. */
        @WithDefault("true")
        boolean enabled();

        /**
         * At most this many versions of one warning's threat fall in any hour of observation time; a level change
         * beyond that waits for the hour to allow it (activations and ends are never held back).
         */
        @WithDefault("6")
        int maxVersionsPerHour();

        /**
         * How often the evaluation queue is swept for work that no wake-up reached (another hub process's commits, a
         * retry after a failure). Each ingest that changes readings wakes this process's evaluator at once.
         */
        @WithDefault("1s")
        Duration sweep();

        /** How often active warnings are checked for silent stations (a rule's noDataAfter). */
        @WithDefault("30s")
        Duration noDataCheck();
    }

    /** The public CAP feed, and the public links in CAP output. */
    Alerts alerts();

    interface Alerts {
        /**
         * Whether {@code GET /api/v1/alerts/cap.atom} (an Atom feed of the CAP alerts of current public threats) and
         * {@code GET /api/v1/alerts/{id}} (one of them as CAP) are served to anyone, without a token; when off both
         * answer 404. Env: {@code HUB_ALERTS_PUBLIC_FEED}.
         */
        @WithDefault("false")
        boolean publicFeed();

        /**
         * The hub's public base URL as aggregators reach it, e.g. {@code https://canhbao.example.gov.vn} (a path prefix
         * is kept): the feed's links and CAP {@code web} point below it. Unset: the base URL of the request being
         * answered, which behind a proxy may be an internal address. Env: {@code HUB_ALERTS_WEB_BASE}.
         */
        Optional<URI> webBase();

        /** The most entries the public feed lists, newest first. */
        @WithDefault("500")
        int feedLimit();
    }

    interface Connectors {
        /** Whether this hub process runs connector instances (the API works either way). */
        @WithDefault("true")
        boolean enabled();

        /**
         * A directory of extra connector jars (each depending on hub-api only), loaded at start. Built-in connectors
         * need nothing here. Env: {@code HUB_CONNECTORS_DIR}.
         */
        @WithDefault("connectors.d")
        Path dir();

        /**
         * The drop directory: connector configurations may name file URLs only inside it (CAP files, CSV sheets), so
         * that configuring a connector cannot read other files of the hub's machine. Env:
         * {@code HUB_CONNECTORS_FILE_ROOT}.
         */
        @WithDefault("drop")
        Path fileRoot();

        /** How often the supervisor looks at the instances, renews its leases and starts or stops runners. */
        @WithDefault("1s")
        Duration tick();

        /**
         * How long a hub process holds an instance without renewing its lease; after that another process sharing the
         * database takes it over.
         */
        @WithDefault("30s")
        Duration lease();

        /** The time limit given to each poll and delivery. */
        @WithDefault("60s")
        Duration timeLimit();

        /** Changes a sink lane reads per delivery. */
        @WithDefault("200")
        int sinkBatch();

        /** First retry delay after a transient failure; doubled each time, with jitter. */
        @WithDefault("1s")
        Duration retryBase();

        /** Longest retry delay. */
        @WithDefault("5m")
        Duration retryCap();

        /** First automatic restart delay of a failed instance; doubled each time, with jitter. */
        @WithDefault("10s")
        Duration restartBase();

        /** Longest automatic restart delay. */
        @WithDefault("15m")
        Duration restartCap();
    }

    interface Organizations {
        /**
         * A JSON array of organisations ({@code code, name, nameEn?, parent, kind}) loaded at start when the registry
         * is empty: how a new deployment gets its hierarchy. {@code config/organizations.sample.json} is an example.
         */
        Optional<Path> seedFile();
    }

    interface Page {
        /** Page size when a client gives no {@code limit}. */
        @WithDefault("50")
        int defaultLimit();

        /** The largest {@code limit} a client may ask for. */
        @WithDefault("1000")
        int maxLimit();
    }

    interface Dev {
        /**
         * When set, the hub signs a development token with {@code smallrye.jwt.sign.key.location} at start and writes
         * it to this file (mode 600). {@code bin/start} sets it; never set it in production.
         */
        Optional<Path> tokenFile();

        /** Organisation of the development token. */
        @WithDefault("vn")
        String tokenOrg();

        /** Lifetime of the development token. */
        @WithDefault("P30D")
        Duration tokenLifetime();
    }
}
