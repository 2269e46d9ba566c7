package org.lienthong.hub.alert;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.lienthong.connector.cap.CapWriter;
import org.lienthong.hub.alert.AlertFeedStore.PublicAlert;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordFormats;
import org.lienthong.hub.record.VersionRow;

import io.quarkus.runtime.StartupEvent;

/**
 * The public CAP feed ({@code hub.alerts.public-feed}): an Atom index of the CAP alerts of current public threats and
 * each alert as CAP, for anyone, without a token. Which threats are in it is {@link AlertFeedStore}'s predicate; here
 * are the switch, the public URLs and the rendering.
 *
 * <p>
 * Nobody is authenticated here, so nothing is written to the access log: there is no caller to name, and what the feed
 * shows is public by classification.
 */
@ApplicationScoped
public class AlertFeedService {

    /** An alert as CAP, and the threat's version it was written from (its ETag). */
    public record PublicCap(byte[] xml, int version) {
    }

    @Inject
    HubConfig config;

    @Inject
    AlertFeedStore store;

    /** Refuses to start with a public base URL that cannot be one. */
    void checkWebBase(@Observes StartupEvent started) {
        config.alerts().webBase().ifPresent(base -> {
            if (!base.isAbsolute() || !List.of("http", "https").contains(base.getScheme()) || base.getHost() == null
                    || base.getQuery() != null || base.getFragment() != null) {
                throw new IllegalStateException("hub.alerts.web-base must be an absolute http(s) URL without query"
                        + " or fragment, e.g. https://canhbao.example.gov.vn, not " + base);
            }
        });
    }

    /**
     * The feed, as an Atom 1.0 document.
     *
     * @param requestBase
     *            the base URL the request reached the hub at: the links' base when {@code hub.alerts.web-base} is unset
     *
     * @throws HubException
     *             404 when the public feed is off
     */
    public byte[] feed(URI requestBase) {
        requireOn();
        PublicLinks links = links(requestBase);
        List<AtomFeedWriter.Entry> entries = new ArrayList<>();
        Instant newest = null;
        for (PublicAlert alert : store.list(config.alerts().feedLimit())) {
            VersionRow v = alert.stored().version();
            Map<String, Object> threat = RecordFormats.map(alert.stored());
            String description = threat.get("description") instanceof String d && !d.isBlank() ? d : null;
            entries.add(new AtomFeedWriter.Entry(CapWriter.identifier(v.id().toString(), v.version()),
                    (String) threat.get("title"), description, v.recordedAt(), alert.stored().createdAt(),
                    alert.ownerName() != null ? alert.ownerName() : v.owner(), links.alert(v.id())));
            if (newest == null || v.recordedAt().isAfter(newest)) {
                newest = v.recordedAt();
            }
        }
        String self = links.feed();
        return AtomFeedWriter.write(new AtomFeedWriter.Feed(self,
                "Lienthong " + config.id() + ": public CAP alerts / Cảnh báo CAP công khai", self,
                newest != null ? newest : Instant.now(), "Lienthong hub " + config.id(), entries));
    }

    /**
     * One alert of the feed: the threat's current version as CAP.
     *
     * @throws HubException
     *             404 when the public feed is off, or the threat is not in it (unknown, not public, a drill, deleted,
     *             over for more than 48 h, without an area; also when {@code id} is not a UUID)
     */
    public PublicCap alert(String id, URI requestBase) {
        requireOn();
        PublicAlert alert = uuid(id).flatMap(store::find)
                .orElseThrow(() -> HubException.notFound("no public alert with this id"));
        Map<String, Object> threat = RecordFormats.map(alert.stored());
        return new PublicCap(RecordFormats.cap(threat, config.id(), links(requestBase).alert(threat.get("id"))),
                alert.stored().version().version());
    }

    /**
     * The public URL of a threat's alert, for CAP {@code web}: when the public feed is on and the threat may be in it
     * (public, not a drill, not deleted); otherwise {@code null}, since without the feed the hub has no public page for
     * it and a link that answers 404 is worse than none. Decided from the version's content alone, so that one message
     * (one version) is always written the same way.
     *
     * @param threat
     *            the threat as {@link RecordFormats#map} gives it
     */
    public String web(Map<String, ?> threat, URI requestBase) {
        if (!config.alerts().publicFeed() || !Classification.public_.toString().equals(threat.get("classification"))
                || Boolean.TRUE.equals(threat.get("exercise")) || Boolean.TRUE.equals(threat.get("deleted"))) {
            return null;
        }
        return links(requestBase).alert(threat.get("id"));
    }

    private void requireOn() {
        if (!config.alerts().publicFeed()) {
            throw HubException.notFound("this hub serves no public alert feed (hub.alerts.public-feed is off)");
        }
    }

    private PublicLinks links(URI requestBase) {
        return PublicLinks.of(config.alerts().webBase(), requestBase);
    }

    private static Optional<UUID> uuid(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equals(id) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
