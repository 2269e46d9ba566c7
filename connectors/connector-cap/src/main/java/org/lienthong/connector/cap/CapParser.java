package org.lienthong.connector.cap;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads CAP 1.2 alerts, and the documents that carry them, from bytes that may be hostile.
 *
 * <h2>Hardening</h2> Every document is parsed by a namespace-aware {@link DocumentBuilderFactory} configured so that
 * nothing outside the bytes is ever read and nothing expands:
 * <ul>
 * <li>{@code http://apache.org/xml/features/disallow-doctype-decl} = true: <b>any DOCTYPE is refused</b>, so there are
 * no internal or external entities, no DTD and no entity expansion (XXE, "billion laughs"); CAP, Atom, RSS and EDXL
 * never need one;</li>
 * <li>external general and parameter entities off, {@code load-external-dtd} off, XInclude off, entity references not
 * expanded: a second line of defence should the first be lifted;</li>
 * <li>{@link XMLConstants#FEATURE_SECURE_PROCESSING} on, {@link XMLConstants#ACCESS_EXTERNAL_DTD} and
 * {@link XMLConstants#ACCESS_EXTERNAL_SCHEMA} empty (no protocol allowed), elements nested at most {@value #MAX_DEPTH}
 * deep;</li>
 * <li>errors are thrown, never printed; an {@link org.xml.sax.EntityResolver} refuses anything asked of it.</li>
 * </ul>
 * Size is limited before parsing, by whoever fetched the bytes ({@link CapSource}: 10 MiB).
 *
 * <h2>What is accepted</h2>
 * <ul>
 * <li>a CAP 1.2 {@code alert} ({@value #CAP_12}) as the root element;</li>
 * <li>an EDXL-DE 1.0 or 2.0 {@code EDXLDistribution} carrying CAP 1.2 alerts in
 * {@code contentObject/xmlContent/embeddedXMLContent};</li>
 * <li>Atom and RSS 2.0 feeds are recognised by {@link #kind} so that {@link CapSource} can follow their links (the feed
 * itself is read by {@link Feeds}).</li>
 * </ul>
 * CAP 1.0 and 1.1 alerts are refused with a reason that says so.
 *
 * <p>
 * Stateless and thread-safe: each call builds its own parser.
 */
public final class CapParser {

    /** The CAP 1.2 namespace. */
    public static final String CAP_12 = "urn:oasis:names:tc:emergency:cap:1.2";
    static final String CAP_11 = "urn:oasis:names:tc:emergency:cap:1.1";
    static final String CAP_10 = "http://www.incident.com/cap/1.0";
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String EDXL_DE_10 = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
    static final String EDXL_DE_20 = "urn:oasis:names:tc:emergency:edxl:de:2.0";

    /** The deepest element nesting accepted; CAP inside EDXL-DE needs about ten. */
    public static final int MAX_DEPTH = 100;

    /** What a document is, by its root element. */
    public enum Kind {
        /** A CAP 1.2 {@code alert}. */
        ALERT,
        /** An EDXL-DE {@code EDXLDistribution}, which may carry CAP alerts. */
        EDXL,
        /** An Atom feed ({@code feed}). */
        ATOM,
        /** An RSS 2.0 feed ({@code rss}). */
        RSS,
        /** Anything else. */
        OTHER
    }

    private CapParser() {
    }

    /**
     * Parses a document with the hardened parser.
     *
     * @throws CapRefusal
     *             when the bytes are not well-formed XML, declare a DOCTYPE, nest too deeply, or cannot be decoded
     */
    public static Document read(byte[] xml) throws CapRefusal {
        DocumentBuilder builder = newBuilder();
        try {
            InputSource source = new InputSource(new ByteArrayInputStream(xml));
            return builder.parse(source);
        } catch (SAXParseException e) {
            throw new CapRefusal(reason(e));
        } catch (SAXException e) {
            throw new CapRefusal("not well-formed XML: " + clean(e.getMessage()));
        } catch (CharConversionException e) {
            throw new CapRefusal("not readable XML: a byte sequence is invalid in the document's encoding");
        } catch (IOException e) {
            throw new CapRefusal("not readable XML: " + clean(e.getMessage()));
        }
    }

    /** What the document is, by its root element's namespace and name. */
    public static Kind kind(Document document) {
        Element root = document.getDocumentElement();
        String ns = root.getNamespaceURI();
        String name = root.getLocalName();
        if (CAP_12.equals(ns) && "alert".equals(name)) {
            return Kind.ALERT;
        }
        if ((EDXL_DE_10.equals(ns) || EDXL_DE_20.equals(ns)) && "EDXLDistribution".equals(name)) {
            return Kind.EDXL;
        }
        if (ATOM.equals(ns) && "feed".equals(name)) {
            return Kind.ATOM;
        }
        if (ns == null && "rss".equals(name)) {
            return Kind.RSS;
        }
        return Kind.OTHER;
    }

    /**
     * The CAP 1.2 alert elements of a document: the root itself for an alert, each embedded alert for an EDXL-DE
     * distribution (in document order).
     *
     * @throws CapRefusal
     *             for any other document (naming its root element, and saying so when it is an older CAP version), or
     *             an EDXL-DE distribution that carries no CAP 1.2 alert
     */
    public static List<Element> alertElements(Document document) throws CapRefusal {
        Element root = document.getDocumentElement();
        switch (kind(document)) {
        case ALERT -> {
            return List.of(root);
        }
        case EDXL -> {
            List<Element> alerts = new ArrayList<>();
            for (Element contentObject : children(root, root.getNamespaceURI(), "contentObject")) {
                for (Element xmlContent : children(contentObject, root.getNamespaceURI(), "xmlContent")) {
                    for (Element embedded : children(xmlContent, root.getNamespaceURI(), "embeddedXMLContent")) {
                        alerts.addAll(children(embedded, CAP_12, "alert"));
                    }
                }
            }
            if (alerts.isEmpty()) {
                throw new CapRefusal("an EDXL-DE distribution without a CAP 1.2 alert in"
                        + " contentObject/xmlContent/embeddedXMLContent");
            }
            return alerts;
        }
        default -> throw new CapRefusal(notCap(root));
        }
    }

    /** Why {@code element} is not a CAP 1.2 alert. */
    static String notCap(Element element) {
        String ns = element.getNamespaceURI();
        if ("alert".equals(element.getLocalName()) && (CAP_11.equals(ns) || CAP_10.equals(ns))) {
            return "a CAP " + (CAP_11.equals(ns) ? "1.1" : "1.0") + " alert: only CAP 1.2 (" + CAP_12 + ") is accepted";
        }
        return "not a CAP 1.2 alert: the root element is " + qualified(element);
    }

    /**
     * Reads one CAP 1.2 {@code alert} element.
     *
     * @throws CapRefusal
     *             when it lacks {@code identifier}, {@code sender}, {@code sent} or {@code msgType}
     */
    public static CapAlert alert(Element alert) throws CapRefusal {
        if (!CAP_12.equals(alert.getNamespaceURI()) || !"alert".equals(alert.getLocalName())) {
            throw new CapRefusal(notCap(alert));
        }
        String identifier = required(alert, "identifier");
        String sender = required(alert, "sender");
        String sent = required(alert, "sent");
        String msgType = required(alert, "msgType");
        List<CapAlert.Info> infos = new ArrayList<>();
        for (Element info : children(alert, CAP_12, "info")) {
            infos.add(info(info));
        }
        return new CapAlert(identifier, sender, sent, text(alert, "status"), msgType, text(alert, "scope"),
                text(alert, "references"), infos);
    }

    /**
     * Parses a document and reads every CAP 1.2 alert in it (one for an alert, each embedded one for EDXL-DE).
     *
     * @throws CapRefusal
     *             when the document is refused by {@link #read}, is not an alert or EDXL-DE distribution, or one of its
     *             alerts is refused by {@link #alert}
     */
    public static List<CapAlert> parseAlerts(byte[] xml) throws CapRefusal {
        List<CapAlert> alerts = new ArrayList<>();
        for (Element element : alertElements(read(xml))) {
            alerts.add(alert(element));
        }
        return alerts;
    }

    private static CapAlert.Info info(Element info) {
        List<CapAlert.Area> areas = new ArrayList<>();
        for (Element area : children(info, CAP_12, "area")) {
            areas.add(new CapAlert.Area(text(area, "areaDesc"), texts(area, "polygon"), texts(area, "circle"),
                    namedValues(area, "geocode")));
        }
        return new CapAlert.Info(text(info, "language"), texts(info, "category"), text(info, "event"),
                texts(info, "responseType"), text(info, "urgency"), text(info, "severity"), text(info, "certainty"),
                namedValues(info, "eventCode"), text(info, "effective"), text(info, "onset"), text(info, "expires"),
                text(info, "headline"), text(info, "description"), text(info, "instruction"),
                namedValues(info, "parameter"), areas);
    }

    private static String required(Element alert, String name) throws CapRefusal {
        String value = text(alert, name);
        if (value == null) {
            throw new CapRefusal("not a complete CAP 1.2 alert: <" + name + "> is missing or empty");
        }
        return value;
    }

    /** The trimmed text of the first child element {@code name} in the CAP namespace, or {@code null} if blank. */
    private static String text(Element parent, String name) {
        List<Element> found = children(parent, CAP_12, name);
        if (found.isEmpty()) {
            return null;
        }
        String text = found.get(0).getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    /** The trimmed, non-blank texts of every child element {@code name} in the CAP namespace. */
    private static List<String> texts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        for (Element e : children(parent, CAP_12, name)) {
            String text = e.getTextContent().strip();
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return out;
    }

    private static List<CapAlert.NamedValue> namedValues(Element parent, String name) {
        List<CapAlert.NamedValue> out = new ArrayList<>();
        for (Element e : children(parent, CAP_12, name)) {
            String valueName = text(e, "valueName");
            String value = text(e, "value");
            out.add(new CapAlert.NamedValue(valueName == null ? "" : valueName, value == null ? "" : value));
        }
        return out;
    }

    /** The child elements of {@code parent} with the given namespace and local name, in document order. */
    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && localName.equals(e.getLocalName())
                    && java.util.Objects.equals(namespace, e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    static String qualified(Element element) {
        String ns = element.getNamespaceURI();
        return (ns == null ? "" : "{" + ns + "}") + element.getLocalName();
    }

    private static DocumentBuilder newBuilder() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not resolved");
            });
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            // a JDK whose parser lacks one of these protections must not parse anything
            throw new IllegalStateException("the JDK's XML parser cannot be hardened: " + e.getMessage(), e);
        }
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not stop parsing, and are not worth a log line per document
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static String reason(SAXParseException e) {
        String message = clean(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return "refused: the document contains a DOCTYPE declaration (line " + e.getLineNumber()
                    + "); CAP alerts and feeds never need one, and DTDs and entities are never processed here"
                    + " (protection against XXE and entity expansion)";
        }
        if (message.contains("maxElementDepth")) {
            return "refused: elements are nested more than " + MAX_DEPTH + " deep (line " + e.getLineNumber() + ")";
        }
        return "not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + message;
    }

    /** A parser message without JAXP's internal codes, line breaks or excessive length. */
    private static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String m = message.replaceFirst("^JAXP\\d+: ", "").replaceAll("\\s+", " ").strip();
        return m.length() <= 300 ? m : m.substring(0, 300) + "…";
    }
}
