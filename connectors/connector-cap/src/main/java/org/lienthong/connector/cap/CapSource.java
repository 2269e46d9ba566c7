package org.lienthong.connector.cap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceBatch;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;
import org.lienthong.hub.api.json.Json;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Polls one URL for CAP alerts and hands each new one to the hub as a threat.
 *
 * <h2>One poll</h2>
 * <ol>
 * <li>Reads the configured URL (http, https or file; at most 10 MiB; see {@link Fetcher}). A failure here fails the
 * poll: transient for network trouble, timeouts and HTTP 408/429/5xx, not transient for 401/403/404/410, other 4xx, a
 * redirect that is not followed, a missing file, a body that is not XML at all, or XML that is neither CAP, EDXL-DE,
 * Atom nor RSS.</li>
 * <li>A CAP 1.2 alert is one alert; an EDXL-DE distribution gives each CAP 1.2 alert it embeds; an Atom or RSS index
 * gives, per entry, the alert embedded in it or the alert its link points to ({@link Feeds}). Links are resolved
 * against the feed's URL. A feed read over http(s) is only followed to http(s) links; a file feed also to files in its
 * own directory (or below), never elsewhere. An entry already handled with the same {@code updated}/{@code pubDate} is
 * not fetched again.</li>
 * <li>Alerts are taken oldest {@code sent} first. One already handled is skipped. One whose {@code status} is neither
 * {@code Actual} nor {@code Exercise} (tests, system messages, drafts) or whose {@code msgType} is {@code Ack} or
 * {@code Error} is remembered and skipped: it is not a warning. An {@code Exercise} alert is a drill: it becomes a
 * threat marked {@code exercise: true}, which the hub keeps out of default lists, the change feed, webhooks and its
 * public feed. Every other alert becomes {@code SourceItem.Upsert("threat", json, alertUrl)} by {@link CapMapper}, with
 * the root of its references chain as {@code sourceRef.id}, so that updates and cancellations become new versions of
 * the first alert's threat; an alert older than one already imported for the same chain is skipped, so that it cannot
 * overwrite a newer version.</li>
 * <li>What cannot be read or mapped (malformed or hostile XML, a DOCTYPE, not CAP 1.2, a missing identifier, an alert
 * without {@code info}) becomes {@code SourceItem.Refused(url, excerpt, reason)}, the excerpt being the first 4 KiB of
 * the document; the rest of the feed still imports. A refused document is remembered (by its entry, or by its SHA-256
 * when it is the configured URL itself) and refused only once. An entry that cannot be fetched for a passing reason is
 * left for the next poll.</li>
 * </ol>
 *
 * <h2>References chains</h2> The root of an alert is, by the first rule that applies: its own identifier when an alert
 * handled before already has it as root (the alert arrives after an update that named it); the root recorded for the
 * first referenced message already handled (matched by sender and identifier, else by identifier alone); the identifier
 * of the earliest referenced message ({@link CapMapper#defaultRoot}); its own identifier. So an Update that names only
 * the previous Update still finds the original Alert's threat, and an Alert read after its Update joins the Update's
 * threat (and, being older, is not imported over it).
 *
 * <h2>Checkpoint</h2> JSON ({@link Checkpoint}): the alerts handled (sender, identifier, root, sent) and markers for
 * handled feed entries and refused documents, the 10,000 most recent. A checkpoint that cannot be read (written by a
 * future version, say) is logged and replaced by an empty one: alerts still in the feed are then imported again, which
 * changes nothing on the hub (upserts by source reference).
 *
 * <h2>Time</h2> Each fetch gets what is left of the poll's time limit. When the limit is reached in the middle of a
 * feed, the batch returns what was read with {@code more = true}, so that the hub polls again at once and carries on
 * (entries already handled are not fetched again); otherwise {@code more} is false and the hub waits
 * {@link #interval()}.
 *
 * <p>
 * Not thread-safe for concurrent polls, which the hub never makes; it keeps no state between polls but the HTTP client.
 */
public final class CapSource implements SourceConnector {

    /** The most of a refused document kept in the dead-letter queue: 4 KiB. */
    static final int EXCERPT_BYTES = 4096;

    /** Less time than this left in a poll is not worth starting another fetch. */
    private static final Duration MIN_FETCH_TIME = Duration.ofMillis(100);

    /** Kept back from each poll's time limit to build the batch. */
    private static final Duration MAX_MARGIN = Duration.ofMillis(500);

    private final Settings settings;
    private final ConnectorContext context;
    private final Fetcher fetcher = new Fetcher();

    CapSource(Settings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** An alert read in this poll, not yet mapped. */
    private record Candidate(String description, CapAlert alert, Instant sent, byte[] source) {
    }

    /** The state of one poll. */
    private final class Run {
        final Checkpoint checkpoint;
        final long deadline;
        final List<SourceItem> items = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        int upserts;
        int refused;

        Run(Checkpoint checkpoint, long deadline) {
            this.checkpoint = checkpoint;
            this.deadline = deadline;
        }

        void refuse(String markerKey, String description, byte[] payload, String reason) {
            if (markerKey != null) {
                if (checkpoint.marked(markerKey)) {
                    return;
                }
                checkpoint.mark(markerKey);
            }
            items.add(new SourceItem.Refused(description, excerpt(payload), reason));
            refused++;
        }
    }

    /**
     * Reads the URL and returns the alerts not handled before.
     *
     * @throws ConnectorException
     *             when the configured URL itself cannot be read or is not a CAP document or index (see the class
     *             documentation for which failures are transient)
     */
    @Override
    public SourceBatch poll(String checkpoint, Duration timeLimit) throws ConnectorException {
        Duration margin = timeLimit.dividedBy(10);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        Run run = new Run(readCheckpoint(checkpoint), System.nanoTime() + timeLimit.minus(margin).toNanos());
        URI url = settings.url();
        byte[] body;
        try {
            body = fetcher.fetch(url, run.deadline);
        } catch (Fetcher.Failure f) {
            throw new ConnectorException(f.getMessage(), f.transientFailure());
        }
        if (!looksLikeXml(body)) {
            throw new ConnectorException("the document at " + url + " is not XML: set 'url' to a CAP 1.2 alert, an"
                    + " Atom or RSS index of CAP alerts, or an EDXL-DE document", false);
        }
        boolean more = false;
        Document document;
        try {
            document = CapParser.read(body);
        } catch (CapRefusal r) {
            run.refuse("h:" + sha256(body), url.toString(), body, r.reason());
            return finish(run, false);
        }
        switch (CapParser.kind(document)) {
        case ALERT, EDXL -> collect(run, document, url.toString(), body, "h:" + sha256(body));
        case ATOM, RSS -> more = followFeed(run, document, url);
        default -> throw new ConnectorException(
                "the document at " + url + " is neither a CAP 1.2 alert, an EDXL-DE"
                        + " distribution, nor an Atom or RSS feed: " + CapParser.notCap(document.getDocumentElement()),
                false);
        }
        importAlerts(run);
        return finish(run, more);
    }

    /** Follows the entries of a feed; {@code true} when the time ran out before the last one. */
    private boolean followFeed(Run run, Document feed, URI feedUrl) {
        List<Feeds.Entry> entries = Feeds.entries(feed, feedUrl);
        int handled = 0;
        int n = 0;
        for (Feeds.Entry entry : entries) {
            n++;
            String where = entry.link() != null ? entry.link().toString() : feedUrl + " (entry " + n + ")";
            String marker = "e:" + where + " " + entry.version();
            if (entry.embedded() != null) {
                collectOne(run, entry.embedded(), where, null, marker);
                continue;
            }
            if (run.checkpoint.marked(marker)) {
                continue;
            }
            String refusal = linkProblem(feedUrl, entry.link());
            if (refusal != null) {
                run.refuse(marker, where, null, refusal);
                continue;
            }
            if (run.deadline - System.nanoTime() < MIN_FETCH_TIME.toNanos()) {
                context.logger().log(System.Logger.Level.INFO,
                        "time limit reached after {0} of {1} feed entries; continuing at once", handled,
                        entries.size());
                return handled > 0;
            }
            byte[] body;
            try {
                body = fetcher.fetch(entry.link(), run.deadline);
            } catch (Fetcher.Failure f) {
                if (f.transientFailure()) {
                    context.logger().log(System.Logger.Level.WARNING, "skipped for now: {0}", f.getMessage());
                } else {
                    run.refuse(marker, where, null,
                            "the feed links to an alert that cannot be read: " + f.getMessage());
                }
                continue;
            }
            handled++;
            Document document;
            try {
                document = CapParser.read(body);
            } catch (CapRefusal r) {
                run.refuse(marker, where, body, r.reason());
                continue;
            }
            collect(run, document, where, body, marker);
            run.checkpoint.mark(marker);
        }
        return false;
    }

    /** Adds the alerts of an alert or EDXL-DE document to the candidates; refuses what cannot be read. */
    private void collect(Run run, Document document, String where, byte[] body, String marker) {
        List<Element> alerts;
        try {
            alerts = CapParser.alertElements(document);
        } catch (CapRefusal r) {
            run.refuse(marker, where, body, r.reason());
            return;
        }
        for (int i = 0; i < alerts.size(); i++) {
            String description = alerts.size() == 1 ? where
                    : where + " (alert " + (i + 1) + " of " + alerts.size() + ")";
            collectOne(run, alerts.get(i), description, body, marker + "#" + (i + 1));
        }
    }

    private void collectOne(Run run, Element element, String description, byte[] body, String marker) {
        try {
            CapAlert alert = CapParser.alert(element);
            run.candidates.add(new Candidate(description, alert, CapMapper.instant(alert.sent()), body));
        } catch (CapRefusal r) {
            run.refuse(marker, description, body, r.reason());
        }
    }

    /** Maps the candidates, oldest first, skipping what was handled before. */
    private void importAlerts(Run run) {
        run.candidates.sort(Comparator.comparing(Candidate::sent, Comparator.nullsFirst(Comparator.naturalOrder())));
        Checkpoint cp = run.checkpoint;
        for (Candidate c : run.candidates) {
            CapAlert alert = c.alert();
            if (cp.alert(alert.sender(), alert.identifier()) != null) {
                continue;
            }
            Long sent = c.sent() == null ? null : c.sent().getEpochSecond();
            boolean warning = "Actual".equals(alert.status()) || "Exercise".equals(alert.status());
            if (!warning || "Ack".equals(alert.msgType()) || "Error".equals(alert.msgType())) {
                context.logger().log(System.Logger.Level.DEBUG, "skipped {0} (status {1}, msgType {2}): not a warning",
                        alert.identifier(), alert.status(), alert.msgType());
                cp.addAlert(alert.sender(), alert.identifier(), alert.identifier(), sent);
                continue;
            }
            String root = root(alert, cp);
            Long latest = cp.latestSent(root);
            if (latest != null && sent != null && sent < latest) {
                context.logger().log(System.Logger.Level.INFO,
                        "skipped {0}: older than the version of threat {1} already imported", alert.identifier(), root);
                cp.addAlert(alert.sender(), alert.identifier(), root, sent);
                continue;
            }
            try {
                Map<String, Object> threat = CapMapper.map(alert, settings.owner(), settings.classification(), root);
                run.items.add(new SourceItem.Upsert("threat", Json.write(threat), c.description()));
                run.upserts++;
            } catch (CapRefusal r) {
                run.items.add(new SourceItem.Refused(c.description(), excerpt(c.source()), r.reason()));
                run.refused++;
            }
            cp.addAlert(alert.sender(), alert.identifier(), root, sent);
        }
    }

    /** The root of an alert's references chain, as the class documentation says. */
    static String root(CapAlert alert, Checkpoint cp) {
        if (cp.isRoot(alert.identifier())) {
            return alert.identifier(); // it arrived after an update that named it: keep that threat
        }
        for (CapAlert.Reference r : alert.parsedReferences()) {
            Checkpoint.Seen seen = cp.referenced(r.sender(), r.identifier());
            if (seen != null) {
                return seen.root();
            }
        }
        return CapMapper.defaultRoot(alert);
    }

    private SourceBatch finish(Run run, boolean more) {
        if (run.upserts > 0 || run.refused > 0) {
            context.logger().log(System.Logger.Level.INFO, "{0} new alert(s) from {1}, {2} refused", run.upserts,
                    settings.url(), run.refused);
        }
        return new SourceBatch(run.items, run.checkpoint.write(), more);
    }

    private Checkpoint readCheckpoint(String text) {
        try {
            return Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            context.logger().log(System.Logger.Level.WARNING,
                    "the checkpoint cannot be read ({0}); starting afresh: alerts still in the feed are read again",
                    e.getMessage());
            return Checkpoint.parse(null);
        }
    }

    /**
     * Why a feed entry's link is not followed, or {@code null} when it may be: a feed read over http(s) is followed
     * only to http(s); a file feed also to files in its own directory or below (so a dropped feed cannot make the hub
     * read other files).
     */
    static String linkProblem(URI feed, URI link) {
        String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            return link.getHost() == null ? "the feed links to " + link + ", which names no host" : null;
        }
        if (scheme.equals("file") && "file".equalsIgnoreCase(feed.getScheme())) {
            try {
                Path directory = Path.of(feed).toAbsolutePath().normalize().getParent();
                Path target = Path.of(link).toAbsolutePath().normalize();
                if (target.startsWith(directory)
                        && (!Files.exists(target) || target.toRealPath().startsWith(directory.toRealPath()))) {
                    return null;
                }
            } catch (IllegalArgumentException | IOException | java.nio.file.FileSystemNotFoundException e) {
                // falls through to the refusal
            }
            return "the feed links to " + link + ", outside the feed's own directory: not followed";
        }
        return "the feed links to " + link + ": only http and https links (and, from a file feed, files next to it)"
                + " are followed";
    }

    /** Whether the first significant byte is {@code <} (after a byte-order mark and whitespace); UTF-16 passes. */
    static boolean looksLikeXml(byte[] body) {
        int i = 0;
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return true;
        }
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            i = 3;
        }
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i < body.length && body[i] == '<';
    }

    /**
     * The first {@value #EXCERPT_BYTES} bytes of a document as text (UTF-8, undecodable bytes and control characters
     * other than tab and line breaks shown as U+FFFD), or {@code ""}.
     */
    static String excerpt(byte[] body) {
        if (body == null) {
            return "";
        }
        int n = Math.min(body.length, EXCERPT_BYTES);
        CharsetDecoder decoder = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(body, 0, n)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            text = "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
        }
        return out.toString();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code intervalSeconds}. */
    @Override
    public Duration interval() {
        return Duration.ofSeconds(settings.intervalSeconds());
    }

    /** Stops the HTTP client, if one was started. */
    @Override
    public void close() {
        fetcher.close();
    }

    @Override
    public String toString() {
        return "CapSource[url=" + settings.url() + ", owner=" + settings.owner() + "]";
    }
}
