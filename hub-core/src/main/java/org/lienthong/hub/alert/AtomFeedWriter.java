package org.lienthong.hub.alert;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.lienthong.connector.cap.CapWriter;
import org.lienthong.hub.record.RecordFormats;

/**
 * Writes an index of CAP messages as an Atom 1.0 feed (RFC 4287), the form Google Public Alerts and the WMO Alert Hub
 * read: one entry per message, linking to the message itself ({@code rel="alternate"},
 * {@code type="application/cap+xml"}). Text is escaped by {@link XMLStreamWriter}; characters XML 1.0 cannot carry are
 * dropped. Pure and thread-safe.
 */
final class AtomFeedWriter {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    /**
     * One entry.
     *
     * @param id
     *            the CAP message's {@code identifier}
     * @param title
     *            its {@code headline}
     * @param summary
     *            its {@code description}, or {@code null}
     * @param updated
     *            when the message was sent (the version's time)
     * @param published
     *            when the threat's first message was sent
     * @param author
     *            who issued it (the owner organisation's name, else its code)
     * @param capUrl
     *            the message's absolute URL
     */
    record Entry(String id, String title, String summary, Instant updated, Instant published, String author,
            String capUrl) {
    }

    /**
     * The feed.
     *
     * @param id
     *            the feed's permanent IRI
     * @param selfUrl
     *            the feed's own absolute URL
     * @param updated
     *            the newest entry's {@code updated}, or any time when there is none
     * @param entries
     *            in the order to list them (newest first)
     */
    record Feed(String id, String title, String selfUrl, Instant updated, String author, List<Entry> entries) {
    }

    private AtomFeedWriter() {
    }

    /** The feed as an XML document in UTF-8 with its declaration. */
    static byte[] write(Feed feed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 512 * feed.entries().size());
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.setDefaultNamespace(ATOM);
            x.writeStartElement(ATOM, "feed");
            x.writeDefaultNamespace(ATOM);
            element(x, 1, "id", feed.id());
            element(x, 1, "title", feed.title());
            element(x, 1, "updated", time(feed.updated()));
            link(x, 1, "self", "application/atom+xml", feed.selfUrl());
            author(x, 1, feed.author());
            element(x, 1, "generator", "Lienthong");
            for (Entry e : feed.entries()) {
                newline(x, 1);
                x.writeStartElement(ATOM, "entry");
                element(x, 2, "id", e.id());
                element(x, 2, "title", e.title());
                element(x, 2, "updated", time(e.updated()));
                element(x, 2, "published", time(e.published()));
                author(x, 2, e.author());
                link(x, 2, "alternate", RecordFormats.CAP, e.capUrl());
                if (e.summary() != null) {
                    element(x, 2, "summary", e.summary());
                }
                newline(x, 1);
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            out.write('\n');
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void author(XMLStreamWriter x, int depth, String name) throws XMLStreamException {
        newline(x, depth);
        x.writeStartElement(ATOM, "author");
        element(x, depth + 1, "name", name);
        newline(x, depth);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, int depth, String rel, String type, String href)
            throws XMLStreamException {
        newline(x, depth);
        x.writeEmptyElement(ATOM, "link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("type", type);
        x.writeAttribute("href", CapWriter.clean(href));
    }

    private static void element(XMLStreamWriter x, int depth, String name, String text) throws XMLStreamException {
        newline(x, depth);
        x.writeStartElement(ATOM, name);
        x.writeCharacters(CapWriter.clean(text));
        x.writeEndElement();
    }

    private static void newline(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** An RFC 3339 date-time in UTC, whole seconds (CAP's precision). */
    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
