package org.lienthong.connector.cap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads the entries of a CAP index feed (Atom or RSS 2.0).
 *
 * <ul>
 * <li>Atom: each {@code entry}; its alert is a CAP 1.2 {@code alert} inside its {@code content} if there is one,
 * otherwise the {@code link} whose {@code type} is {@code application/cap+xml}, else the first {@code link} with no
 * {@code rel} or {@code rel="alternate"}, else the first {@code link}. Its version is {@code updated} (else
 * {@code published}).</li>
 * <li>RSS 2.0: each {@code channel/item}; its alert is the {@code enclosure} of type {@code application/cap+xml}, else
 * {@code link}, else any {@code enclosure}, else a {@code guid} that is a permalink. Its version is {@code pubDate}
 * (else {@code guid}).</li>
 * </ul>
 * Links are resolved against the feed's URL ({@code xml:base} is not used). An entry without a usable link or embedded
 * alert is left out.
 */
final class Feeds {

    /**
     * One entry of a feed.
     *
     * @param link
     *            the alert's absolute URL, or {@code null} when only an embedded alert is known
     * @param version
     *            the entry's {@code updated}/{@code pubDate}, or {@code ""}
     * @param embedded
     *            a CAP 1.2 alert carried in the entry itself, or {@code null}
     */
    record Entry(URI link, String version, Element embedded) {
    }

    private static final String CAP_TYPE = "application/cap+xml";

    private Feeds() {
    }

    static List<Entry> entries(Document feed, URI base) {
        return switch (CapParser.kind(feed)) {
        case ATOM -> atom(feed.getDocumentElement(), base);
        case RSS -> rss(feed.getDocumentElement(), base);
        default -> List.of();
        };
    }

    private static List<Entry> atom(Element feed, URI base) {
        List<Entry> out = new ArrayList<>();
        for (Element entry : CapParser.children(feed, CapParser.ATOM, "entry")) {
            Element embedded = null;
            for (Element content : CapParser.children(entry, CapParser.ATOM, "content")) {
                List<Element> alerts = CapParser.children(content, CapParser.CAP_12, "alert");
                if (!alerts.isEmpty()) {
                    embedded = alerts.get(0);
                    break;
                }
            }
            List<Element> links = CapParser.children(entry, CapParser.ATOM, "link");
            String href = null;
            for (Element link : links) {
                if (link.getAttribute("type").toLowerCase(Locale.ROOT).startsWith(CAP_TYPE)) {
                    href = link.getAttribute("href");
                    break;
                }
            }
            if (href == null || href.isBlank()) {
                for (Element link : links) {
                    String rel = link.getAttribute("rel");
                    if (rel.isEmpty() || rel.equals("alternate")) {
                        href = link.getAttribute("href");
                        break;
                    }
                }
            }
            if ((href == null || href.isBlank()) && !links.isEmpty()) {
                href = links.get(0).getAttribute("href");
            }
            String version = text(entry, CapParser.ATOM, "updated");
            if (version.isEmpty()) {
                version = text(entry, CapParser.ATOM, "published");
            }
            add(out, base, href, version, embedded);
        }
        return out;
    }

    private static List<Entry> rss(Element rss, URI base) {
        List<Entry> out = new ArrayList<>();
        for (Element channel : CapParser.children(rss, null, "channel")) {
            for (Element item : CapParser.children(channel, null, "item")) {
                String href = null;
                List<Element> enclosures = CapParser.children(item, null, "enclosure");
                for (Element enclosure : enclosures) {
                    if (enclosure.getAttribute("type").toLowerCase(Locale.ROOT).startsWith(CAP_TYPE)) {
                        href = enclosure.getAttribute("url");
                        break;
                    }
                }
                if (href == null || href.isBlank()) {
                    href = text(item, null, "link");
                }
                if (href.isBlank() && !enclosures.isEmpty()) {
                    href = enclosures.get(0).getAttribute("url");
                }
                String guid = text(item, null, "guid");
                if (href.isBlank()) {
                    List<Element> guids = CapParser.children(item, null, "guid");
                    if (!guids.isEmpty() && !"false".equals(guids.get(0).getAttribute("isPermaLink"))) {
                        href = guid;
                    }
                }
                String version = text(item, null, "pubDate");
                add(out, base, href, version.isEmpty() ? guid : version, null);
            }
        }
        return out;
    }

    private static void add(List<Entry> out, URI base, String href, String version, Element embedded) {
        URI link = null;
        if (href != null && !href.isBlank()) {
            try {
                link = base.resolve(new URI(href.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                link = null;
            }
        }
        if (link != null || embedded != null) {
            out.add(new Entry(link, version, embedded));
        }
    }

    private static String text(Element parent, String namespace, String name) {
        List<Element> found = CapParser.children(parent, namespace, name);
        if (found.isEmpty()) {
            return "";
        }
        return found.get(0).getTextContent().strip();
    }
}
