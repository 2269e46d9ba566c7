package org.lienthong.connector.cap;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.lienthong.hub.api.schema.Certainty;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Domain;
import org.lienthong.hub.api.schema.GeometryType;
import org.lienthong.hub.api.schema.MsgType;
import org.lienthong.hub.api.schema.ResponseType;
import org.lienthong.hub.api.schema.Severity;
import org.lienthong.hub.api.schema.ThreatStatus;
import org.lienthong.hub.api.schema.Urgency;
import org.lienthong.hub.api.schema.Vocabulary;

/**
 * Writes a hub threat as a CAP 1.2 alert message, valid against the OASIS schema ({@code cap12.xsd}): what the hub
 * answers to {@code Accept: application/cap+xml}. The message is the hub's own: the hub is its sender, and each version
 * of a threat is one message. Pure and thread-safe.
 *
 * <table>
 * <caption>threat → CAP</caption>
 * <tr>
 * <th>CAP</th>
 * <th>from</th>
 * </tr>
 * <tr>
 * <td>{@code identifier}</td>
 * <td>{@code "lienthong:" + id + ":" + version}: one message per version</td>
 * </tr>
 * <tr>
 * <td>{@code sender}</td>
 * <td>the {@code sender} argument (e.g. the hub's address)</td>
 * </tr>
 * <tr>
 * <td>{@code sent}</td>
 * <td>{@code updatedAt}, to the second, with the offset asked for; UTC is written {@code -00:00} as CAP requires</td>
 * </tr>
 * <tr>
 * <td>{@code status}, {@code msgType}</td>
 * <td>{@code Exercise} when the threat's {@code exercise} is {@code true} (a drill), otherwise {@code Actual};
 * {@code Alert} for version 1, otherwise {@code Cancel} when the threat is deleted or {@code ended}, else
 * {@code Update}</td>
 * </tr>
 * <tr>
 * <td>{@code scope}</td>
 * <td>{@code Public} for classification {@code public}; otherwise {@code Restricted}, with a {@code restriction} naming
 * the classification</td>
 * </tr>
 * <tr>
 * <td>{@code references}</td>
 * <td>for a later version, the threat's first message: {@code sender,lienthong:{id}:1,{createdAt}}</td>
 * </tr>
 * <tr>
 * <td>{@code info/language}</td>
 * <td>{@code vi-VN} when the title or text contains letters only Vietnamese uses (đ, ơ, ư, ă, or a precomposed
 * Vietnamese tone mark), otherwise left out (CAP's default, {@code en-US})</td>
 * </tr>
 * <tr>
 * <td>{@code category}</td>
 * <td>{@code Fire} for fire hazards (EN0205, TL0305), otherwise by domain: geology → Geo; climate, water → Met;
 * environment → Env; energy → Infra; health, food → Health; crime, cyber → Security; finance, other → Other</td>
 * </tr>
 * <tr>
 * <td>{@code event}, {@code headline}</td>
 * <td>{@code title}</td>
 * </tr>
 * <tr>
 * <td>{@code responseType}, {@code urgency}, {@code severity}, {@code certainty}</td>
 * <td>the same-named fields; {@code Unknown} when absent</td>
 * </tr>
 * <tr>
 * <td>{@code eventCode}</td>
 * <td>{@code UNDRR-ISC-HIP} = {@code hazardCode}</td>
 * </tr>
 * <tr>
 * <td>{@code effective}, {@code onset}</td>
 * <td>the same-named fields, formatted like {@code sent}</td>
 * </tr>
 * <tr>
 * <td>{@code expires}</td>
 * <td>always written, since aggregators (Google Public Alerts, the WMO Alert Hub) drop a message without it: for a
 * deleted or {@code ended} threat the message's {@code sent}, i.e. when the version that ended it was recorded (the
 * Cancel expires when the threat ended); otherwise the threat's {@code expires}, and when it has none
 * {@link #DEFAULT_VALIDITY} after the latest of {@code sent}, {@code effective} and {@code onset}: a warning nobody
 * gave an end stays valid a day past its latest news, and a newer version (an Update) carries it on</td>
 * </tr>
 * <tr>
 * <td>{@code description}, {@code instruction}</td>
 * <td>the same-named fields</td>
 * </tr>
 * <tr>
 * <td>{@code web}</td>
 * <td>the {@code web} argument (the alert's public URL), left out without one</td>
 * </tr>
 * <tr>
 * <td>{@code parameter}</td>
 * <td>{@code VN-QD18-2021:riskLevel} = {@code riskLevel}</td>
 * </tr>
 * <tr>
 * <td>{@code area}</td>
 * <td>one per area: {@code areaDesc} = {@code description} (else the admin codes, else "Area n"); a {@code polygon}
 * ({@code lat,lon}) per Polygon's outer ring (holes cannot be written in CAP), a {@code circle} of radius 0 per Point;
 * lines are left out; a {@code geocode} {@value #ADMIN_CODE_VALUE_NAME} per admin code. A threat without areas gets no
 * {@code area}: CAP 1.2 allows that, and an area made up from the title, without geometry or code, would locate nothing
 * (aggregators refuse it); the hub's public feed leaves such threats out instead</td>
 * </tr>
 * </table>
 * Text is escaped by {@link XMLStreamWriter}; characters XML 1.0 cannot carry (most control characters) are dropped.
 */
public final class CapWriter {

    /** The {@code geocode} {@code valueName} the hub's admin codes are written with. */
    public static final String ADMIN_CODE_VALUE_NAME = "adminCode";

    /**
     * How long a message of a threat without {@code expires} stays valid after the latest of its {@code sent},
     * {@code effective} and {@code onset}.
     */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private CapWriter() {
    }

    /**
     * Writes a threat as CAP 1.2 with times in UTC ({@code -00:00}).
     *
     * @see #write(Map, String, ZoneOffset)
     */
    public static String write(Map<String, ?> threat, String sender) {
        return write(threat, sender, ZoneOffset.UTC);
    }

    /**
     * Writes a threat as a CAP 1.2 alert message.
     *
     * @param threat
     *            a threat as {@link org.lienthong.hub.api.json.Json#parse} reads the hub's JSON for it: envelope
     *            ({@code id}, {@code version}, {@code classification}, {@code createdAt}, {@code updatedAt},
     *            {@code deleted}, …) and threat fields ({@code title}, {@code hazardCode}, {@code areas}, …); unknown
     *            members are ignored
     * @param sender
     *            CAP {@code sender}: who publishes the message, such as the hub's host name; no spaces, commas,
     *            {@code <} or {@code &}
     * @param offset
     *            the offset to write times in, in whole minutes (e.g. {@code +07:00} for Viet Nam)
     *
     * @return the message, an XML document in UTF-8 with its declaration
     *
     * @throws IllegalArgumentException
     *             when {@code sender} is not a valid CAP sender, or the threat lacks {@code id}, a positive
     *             {@code version}, {@code updatedAt} or {@code title}
     */
    public static String write(Map<String, ?> threat, String sender, ZoneOffset offset) {
        return write(threat, sender, offset, null);
    }

    /**
     * Writes a threat as a CAP 1.2 alert message with a link to more information.
     *
     * @param web
     *            CAP {@code web}: an absolute URL where the public can read the alert (the hub's public URL of it), or
     *            {@code null} to leave it out
     *
     * @throws IllegalArgumentException
     *             as {@link #write(Map, String, ZoneOffset)}, and when {@code web} is not an absolute URI
     *
     * @see #write(Map, String, ZoneOffset)
     */
    public static String write(Map<String, ?> threat, String sender, ZoneOffset offset, String web) {
        if (web != null && !absolute(web)) {
            throw new IllegalArgumentException("CAP web must be an absolute URI");
        }
        if (sender == null || sender.isBlank() || !sender.matches("[^\\s,<&]+")) {
            throw new IllegalArgumentException("a CAP sender must be non-empty, without spaces, commas, '<' or '&'");
        }
        if (offset.getTotalSeconds() % 60 != 0) {
            throw new IllegalArgumentException("CAP times have offsets in whole minutes, not " + offset);
        }
        String id = string(threat, "id");
        if (id == null || !id.matches("[0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("the threat has no id (a UUID)");
        }
        int version = integer(threat.get("version"));
        if (version < 1) {
            throw new IllegalArgumentException("the threat has no version (1 or more)");
        }
        Instant sentAt = instant(string(threat, "updatedAt"));
        String sent = time(sentAt, offset);
        if (sent == null) {
            throw new IllegalArgumentException("the threat has no updatedAt timestamp");
        }
        String title = string(threat, "title");
        if (title == null) {
            throw new IllegalArgumentException("the threat has no title");
        }
        boolean ended = Boolean.TRUE.equals(threat.get("deleted"))
                || ThreatStatus.ended.toString().equals(threat.get("status"));
        MsgType msgType = version == 1 ? MsgType.Alert : ended ? MsgType.Cancel : MsgType.Update;
        String classification = string(threat, "classification");

        StringWriter out = new StringWriter(4096);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            Indenting w = new Indenting(x);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.setDefaultNamespace(CapParser.CAP_12);
            x.writeStartElement(CapParser.CAP_12, "alert");
            x.writeDefaultNamespace(CapParser.CAP_12);
            w.depth++;
            w.element("identifier", identifier(id, version));
            w.element("sender", sender);
            w.element("sent", sent);
            w.element("status", Boolean.TRUE.equals(threat.get("exercise")) ? "Exercise" : "Actual");
            w.element("msgType", msgType.toString());
            if (classification == null || classification.equals(Classification.public_.toString())) {
                w.element("scope", "Public");
            } else {
                w.element("scope", "Restricted");
                w.element("restriction",
                        "Lienthong classification '" + classification + "': only for recipients cleared for it");
            }
            String created = time(string(threat, "createdAt"), offset);
            if (version > 1 && created != null) {
                w.element("references", sender + "," + identifier(id, 1) + "," + created);
            }
            writeInfo(w, threat, title, time(ended ? sentAt : expires(threat, sentAt), offset), web, offset);
            w.depth--;
            w.newline();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write CAP XML: " + e.getMessage(), e);
        }
        return out.toString() + "\n";
    }

    /**
     * The CAP {@code identifier} of the message of one version of a threat, {@code lienthong:{id}:{version}}: what
     * {@link #write} writes, and what an index of the messages (such as an Atom feed) names them by.
     */
    public static String identifier(String id, int version) {
        return "lienthong:" + id + ":" + version;
    }

    /** The threat's {@code expires}, else {@link #DEFAULT_VALIDITY} after the latest of sent, effective, onset. */
    private static Instant expires(Map<String, ?> threat, Instant sent) {
        Instant own = instant(string(threat, "expires"));
        if (own != null) {
            return own;
        }
        Instant latest = sent;
        for (String field : List.of("effective", "onset")) {
            Instant t = instant(string(threat, field));
            if (t != null && t.isAfter(latest)) {
                latest = t;
            }
        }
        return latest.plus(DEFAULT_VALIDITY);
    }

    private static void writeInfo(Indenting w, Map<String, ?> threat, String title, String expires, String web,
            ZoneOffset offset) throws XMLStreamException {
        w.start("info");
        String description = string(threat, "description");
        String instruction = string(threat, "instruction");
        if (vietnamese(title) || vietnamese(description) || vietnamese(instruction)) {
            w.element("language", "vi-VN");
        }
        String hazardCode = string(threat, "hazardCode");
        if ("EN0205".equals(hazardCode) || "TL0305".equals(hazardCode)) {
            w.element("category", "Fire");
        } else {
            w.element("category", category(string(threat, "domain")));
        }
        w.element("event", title);
        if (threat.get("responseTypes") instanceof List<?> types) {
            for (Object type : types) {
                if (type instanceof String t && Vocabulary.isWireValue(ResponseType.class, t)) {
                    w.element("responseType", t);
                }
            }
        }
        w.element("urgency", oneOf(threat.get("urgency"), Urgency.class, Urgency.Unknown));
        w.element("severity", oneOf(threat.get("severity"), Severity.class, Severity.Unknown));
        w.element("certainty", oneOf(threat.get("certainty"), Certainty.class, Certainty.Unknown));
        if (hazardCode != null) {
            w.pair("eventCode", CapMapper.HIP_VALUE_NAME, hazardCode);
        }
        for (String field : List.of("effective", "onset")) {
            String time = time(string(threat, field), offset);
            if (time != null) {
                w.element(field, time);
            }
        }
        w.element("expires", expires);
        w.element("headline", title);
        if (description != null) {
            w.element("description", description);
        }
        if (instruction != null) {
            w.element("instruction", instruction);
        }
        if (web != null) {
            w.element("web", web);
        }
        int riskLevel = integer(threat.get("riskLevel"));
        if (riskLevel >= 1 && riskLevel <= 5) {
            w.pair("parameter", CapMapper.RISK_LEVEL_PARAMETER, String.valueOf(riskLevel));
        }
        if (threat.get("areas") instanceof List<?> areas) {
            int n = 0;
            for (Object area : areas) {
                if (area instanceof Map<?, ?> a) {
                    writeArea(w, a, ++n);
                }
            }
        }
        w.end();
    }

    private static void writeArea(Indenting w, Map<?, ?> area, int n) throws XMLStreamException {
        List<String> codes = new ArrayList<>();
        if (area.get("adminCodes") instanceof List<?> list) {
            for (Object code : list) {
                if (code instanceof String s && !clean(s).isBlank()) {
                    codes.add(clean(s));
                }
            }
        }
        String description = area.get("description") instanceof String d && !clean(d).isBlank() ? d
                : !codes.isEmpty() ? String.join(", ", codes) : "Area " + n;
        List<String> polygons = new ArrayList<>();
        List<String> circles = new ArrayList<>();
        shapes(area.get("geometry"), polygons, circles, 0);
        w.start("area");
        w.element("areaDesc", description);
        for (String polygon : polygons) {
            w.element("polygon", polygon);
        }
        for (String circle : circles) {
            w.element("circle", circle);
        }
        for (String code : codes) {
            w.pair("geocode", ADMIN_CODE_VALUE_NAME, code);
        }
        w.end();
    }

    /** Collects a GeoJSON geometry's outer rings as CAP polygons and its points as CAP circles of radius 0. */
    private static void shapes(Object geometry, List<String> polygons, List<String> circles, int depth) {
        if (!(geometry instanceof Map<?, ?> g) || depth > 1) {
            return;
        }
        Object c = g.get("coordinates");
        GeometryType type = g.get("type") instanceof String t
                ? Vocabulary.fromWireValue(GeometryType.class, t).orElse(null) : null;
        switch (type) {
        case null -> {
            // not a geometry the hub would have stored
        }
        case Point -> addCircle(c, circles);
        case MultiPoint -> {
            if (c instanceof List<?> points) {
                points.forEach(p -> addCircle(p, circles));
            }
        }
        case Polygon -> addPolygon(c, polygons);
        case MultiPolygon -> {
            if (c instanceof List<?> list) {
                list.forEach(p -> addPolygon(p, polygons));
            }
        }
        case GeometryCollection -> {
            if (g.get("geometries") instanceof List<?> list) {
                list.forEach(part -> shapes(part, polygons, circles, depth + 1));
            }
        }
        case LineString, MultiLineString -> {
            // no CAP equivalent
        }
        }
    }

    private static void addCircle(Object position, List<String> circles) {
        String latLon = latLon(position);
        if (latLon != null) {
            circles.add(latLon + " 0");
        }
    }

    private static void addPolygon(Object rings, List<String> polygons) {
        if (!(rings instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof List<?> ring)
                || ring.size() < 4) {
            return;
        }
        List<String> pairs = new ArrayList<>();
        for (Object position : ring) {
            String pair = latLon(position);
            if (pair == null) {
                return;
            }
            pairs.add(pair);
        }
        if (!pairs.get(0).equals(pairs.get(pairs.size() - 1))) {
            pairs.add(pairs.get(0));
        }
        polygons.add(String.join(" ", pairs));
    }

    /** {@code [lon, lat]} as CAP's {@code "lat,lon"}, or {@code null}. */
    private static String latLon(Object position) {
        if (!(position instanceof List<?> p) || p.size() < 2 || !(p.get(0) instanceof Number lon)
                || !(p.get(1) instanceof Number lat)) {
            return null;
        }
        try {
            return decimal(lat) + "," + decimal(lon);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String decimal(Number n) {
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        return d.toPlainString();
    }

    /** An RFC 3339 timestamp as a CAP date-time in {@code offset}, or {@code null}. */
    static String time(String text, ZoneOffset offset) {
        return time(instant(text), offset);
    }

    /** An instant as a CAP date-time (whole seconds, always with an offset; UTC as {@code -00:00}), or {@code null}. */
    private static String time(Instant instant, ZoneOffset offset) {
        if (instant == null) {
            return null;
        }
        OffsetDateTime t = instant.truncatedTo(ChronoUnit.SECONDS).atOffset(offset);
        return LOCAL.format(t) + (offset.getTotalSeconds() == 0 ? "-00:00" : offset.getId());
    }

    /** An RFC 3339 timestamp, or {@code null}. */
    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(java.util.Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean absolute(String uri) {
        try {
            return new URI(uri).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean vietnamese(String text) {
        if (text == null) {
            return false;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("đĐơƠưƯăĂ".indexOf(c) >= 0 || (c >= '\u1EA0' && c <= '\u1EF9')) {
                return true;
            }
        }
        return false;
    }

    /** The value when it is one of {@code vocabulary}'s, else {@code unknown}. */
    private static <E extends Enum<E>> String oneOf(Object value, Class<E> vocabulary, E unknown) {
        return value instanceof String s && Vocabulary.isWireValue(vocabulary, s) ? s : unknown.toString();
    }

    /** The CAP {@code category} for a domain; {@code Other} for a value that is not a domain. */
    private static String category(String domain) {
        return switch (Vocabulary.fromWireValue(Domain.class, domain).orElse(Domain.other)) {
        case geology -> "Geo";
        case climate, water -> "Met";
        case environment -> "Env";
        case energy -> "Infra";
        case health, food -> "Health";
        case crime, cyber -> "Security";
        case finance, other -> "Other";
        };
    }

    private static String string(Map<String, ?> map, String key) {
        return map.get(key) instanceof String s && !s.isBlank() ? s : null;
    }

    private static int integer(Object value) {
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** {@code s} without the characters XML 1.0 cannot carry (most control characters, lone surrogates). */
    public static String clean(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes CAP elements one per line, indented by two spaces per level. */
    private static final class Indenting {
        private final XMLStreamWriter x;
        int depth;

        Indenting(XMLStreamWriter x) {
            this.x = x;
        }

        void newline() throws XMLStreamException {
            x.writeCharacters("\n" + "  ".repeat(depth));
        }

        void element(String name, String text) throws XMLStreamException {
            newline();
            x.writeStartElement(CapParser.CAP_12, name);
            x.writeCharacters(clean(text));
            x.writeEndElement();
        }

        void pair(String name, String valueName, String value) throws XMLStreamException {
            start(name);
            element("valueName", valueName);
            element("value", value);
            end();
        }

        void start(String name) throws XMLStreamException {
            newline();
            x.writeStartElement(CapParser.CAP_12, name);
            depth++;
        }

        void end() throws XMLStreamException {
            depth--;
            newline();
            x.writeEndElement();
        }
    }
}
