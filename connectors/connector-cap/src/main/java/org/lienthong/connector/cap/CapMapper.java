package org.lienthong.connector.cap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.lienthong.hub.api.schema.AdminCode;
import org.lienthong.hub.api.schema.Certainty;
import org.lienthong.hub.api.schema.Domain;
import org.lienthong.hub.api.schema.GeometryType;
import org.lienthong.hub.api.schema.HazardCode;
import org.lienthong.hub.api.schema.MsgType;
import org.lienthong.hub.api.schema.ResponseType;
import org.lienthong.hub.api.schema.Severity;
import org.lienthong.hub.api.schema.ThreatStatus;
import org.lienthong.hub.api.schema.Urgency;
import org.lienthong.hub.api.schema.Vocabulary;

/**
 * Turns one CAP 1.2 alert into one threat in canonical schema v1, as the {@code Map} that
 * {@link org.lienthong.hub.api.json.Json#write} writes. Pure: no I/O, no clock, no state; the same alert always gives
 * the same threat. Every rule below is also in {@code connectors/README.md} ("CAP connector").
 *
 * <h2>Which {@code info}</h2> A threat has one title and one text, so exactly one {@code info} block is used: the first
 * whose {@code language} is Vietnamese ({@code vi} or {@code vi-*}), else the first in English ({@code en} or
 * {@code en-*}; an {@code info} without {@code language} counts as {@code en-US}, CAP's default), else the first. The
 * other blocks (translations, or further events in the same message) are not used.
 *
 * <h2>Fields</h2>
 * <table>
 * <caption>CAP → threat</caption>
 * <tr>
 * <th>threat</th>
 * <th>from</th>
 * </tr>
 * <tr>
 * <td>{@code owner}, {@code classification}</td>
 * <td>the connector's configuration</td>
 * </tr>
 * <tr>
 * <td>{@code sourceRef}</td>
 * <td>{@code {system: "cap:" + sender, id: root}}; the root is the identifier of the first alert of the
 * {@code references} chain, decided by the caller ({@link CapSource} remembers chains; {@link #defaultRoot} is the rule
 * without memory)</td>
 * </tr>
 * <tr>
 * <td>{@code title}</td>
 * <td>{@code headline}, else {@code event}; whitespace collapsed, at most 500 characters</td>
 * </tr>
 * <tr>
 * <td>{@code description}, {@code instruction}</td>
 * <td>as written, with HTML line breaks ({@code <br>
 * }) turned into line breaks, control characters removed, at most 20,000 characters; left out when empty</td>
 * </tr>
 * <tr>
 * <td>{@code hazardCode}</td>
 * <td>see {@link #hazardCode}</td>
 * </tr>
 * <tr>
 * <td>{@code domain}</td>
 * <td>see {@link #domain}</td>
 * </tr>
 * <tr>
 * <td>{@code status}</td>
 * <td>see {@link #status}</td>
 * </tr>
 * <tr>
 * <td>{@code riskLevel}</td>
 * <td>see {@link #riskLevel}</td>
 * </tr>
 * <tr>
 * <td>{@code urgency}, {@code severity}, {@code certainty}</td>
 * <td>1:1 (the schema uses CAP's values); CAP 1.0's {@code Very Likely} becomes {@code Likely} as CAP 1.2 says; any
 * other value is left out</td>
 * </tr>
 * <tr>
 * <td>{@code responseTypes}</td>
 * <td>each {@code responseType}, once, in order</td>
 * </tr>
 * <tr>
 * <td>{@code effective}, {@code onset}, {@code expires}</td>
 * <td>RFC 3339 in UTC ({@code 2003-06-17T21:57:00Z}); {@code effective} falls back to the alert's {@code sent}; a time
 * that cannot be read is left out; {@code expires} before {@code effective} or {@code onset} (which the hub refuses) is
 * left out</td>
 * </tr>
 * <tr>
 * <td>{@code areas}</td>
 * <td>one per {@code area}: {@code description} = {@code areaDesc}, {@code adminCodes} = the {@code value} of each
 * {@code geocode}, split on whitespace, keeping the values in the form {@link AdminCode} allows (each once; the
 * {@code valueName} is not kept), {@code geometry} from {@code polygon} and {@code circle} (see {@link #polygon},
 * {@link #circle}): one shape gives a Polygon or Point, several polygons a MultiPolygon, several points a MultiPoint,
 * polygons and points together a GeometryCollection; an area with neither has no geometry</td>
 * </tr>
 * <tr>
 * <td>{@code alert}</td>
 * <td>{@code {identifier, sender, sent (UTC), msgType, references}}, {@code references} being the entries of CAP's
 * {@code references} split on whitespace ({@code "sender,identifier,sent"} each, as written)</td>
 * </tr>
 * </table>
 * Parameters other than {@value #RISK_LEVEL_PARAMETER}, event codes other than {@value #HIP_VALUE_NAME}, and
 * {@code senderName}, {@code web}, {@code contact}, {@code resource}, {@code altitude}, {@code ceiling} have no place
 * in the schema and are not kept.
 */
public final class CapMapper {

    /** The {@code eventCode} {@code valueName} whose value is a UNDRR-ISC Hazard Information Profile code. */
    public static final String HIP_VALUE_NAME = "UNDRR-ISC-HIP";

    /** The {@code parameter} {@code valueName} carrying the Vietnamese risk level (Decision 18/2021/QĐ-TTg), 1–5. */
    public static final String RISK_LEVEL_PARAMETER = "VN-QD18-2021:riskLevel";

    /** How many vertices approximate a CAP {@code circle}. */
    public static final int CIRCLE_VERTICES = 32;

    /** The mean Earth radius (IUGG), used for circles. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    // the hub's own limits (RecordValidator, GeometryRules), so that what is produced is accepted
    static final int SHORT_TEXT = 500;
    static final int LONG_TEXT = 20_000;
    static final int MAX_ITEMS = 1_000;
    static final int MAX_POSITIONS = 100_000;
    static final int MAX_SOURCE_REF = 256;

    /**
     * Words in {@code event}, an {@code eventCode} value or {@code headline}, and the HIP 2025 code they give: the
     * first row that matches wins, so the more specific come first. Matching ignores case and starts at a word
     * boundary.
     */
    private static final String[][] KEYWORD_TABLE = { //
            { "MH0705", "tsunami", "sóng thần" }, // tsunami
            { "GH0101", "earthquake", "seismic", "động đất" }, // earthquake
            { "MH0703", "storm surge", "nước dâng" }, // storm surge
            { "MH0309", "typhoon", "hurricane", "tropical cyclone", "tropical storm", "tropical depression", "cyclone",
                    "bão", "áp thấp nhiệt đới" }, // tropical cyclone
            { "MH0305", "tornado", "waterspout", "lốc xoáy", "vòi rồng" }, // tornado
            { "MH0603", "flash flood", "lũ quét" }, // flash flooding
            { "GH0300", "landslide", "mudslide", "debris flow", "rockfall", "sạt lở", "lở đất" }, // landslide
            { "MH0600", "flood", "inundation", "lũ", "ngập" }, // flooding
            { "MH0103", "thunderstorm", "dông", "giông" }, // thunderstorm
            { "MH0404", "hail", "mưa đá" }, // hail
            { "EN0205", "wildfire", "bushfire", "bush fire", "grassfire", "grass fire", "scrub fire", "forest fire",
                    "cháy rừng" }, // wildfires
            { "TL0305", "structure fire", "structure_fire" }, // fire (industrial, structural)
            { "MH0401", "drought", "hạn hán" }, // drought
            { "MH0501", "heat", "nắng nóng" }, // heatwave
            { "MH0502", "cold", "rét" }, // cold wave
            { "MH0403", "blizzard" }, // blizzard
            { "MH0405", "snow" }, // snow
            { "MH0801", "avalanche" }, // avalanche
            { "MH0202", "fog", "sương mù" }, // fog
            { "MH0201", "dust storm", "sandstorm", "sand storm" }, // dust storm or sandstorm
            { "EN0103", "air quality", "air pollution", "smog", "ô nhiễm không khí" }, // ambient air pollution
            { "MH0301", "wind", "gust", "gale", "gió mạnh" }, // wind
            { "MH0402", "rain", "mưa lớn" }, // rain
            // road traffic accident
            { "TL0405", "motor vehicle accident", "mva", "road accident", "traffic accident", "tai nạn giao thông" }, };

    static final List<Map.Entry<Pattern, String>> KEYWORDS = java.util.Arrays.stream(KEYWORD_TABLE)
            .map(row -> keyword(row[0], java.util.Arrays.copyOfRange(row, 1, row.length))).toList();

    /** The code for a CAP category when neither an event code nor a keyword gave one. */
    static final Map<String, String> CATEGORY_HAZARD = Map.ofEntries(Map.entry("Geo", "GH0101"),
            Map.entry("Met", "MH0301"), Map.entry("Safety", "VN-SAFETY"), Map.entry("Security", "VN-SECURITY"),
            Map.entry("Rescue", "VN-RESCUE"), Map.entry("Fire", "TL0305"), Map.entry("Health", "VN-HEALTH"),
            Map.entry("Env", "TL0302"), Map.entry("Transport", "VN-TRANSPORT"), Map.entry("Infra", "TL0207"),
            Map.entry("CBRNE", "VN-CBRNE"), Map.entry("Other", "VN-OTHER"));

    /** The domain for a CAP category. */
    static final Map<String, Domain> CATEGORY_DOMAIN = Map.ofEntries(Map.entry("Geo", Domain.geology),
            Map.entry("Met", Domain.climate), Map.entry("Safety", Domain.other), Map.entry("Security", Domain.crime),
            Map.entry("Rescue", Domain.other), Map.entry("Fire", Domain.environment),
            Map.entry("Health", Domain.health), Map.entry("Env", Domain.environment),
            Map.entry("Transport", Domain.other), Map.entry("Infra", Domain.energy),
            Map.entry("CBRNE", Domain.environment), Map.entry("Other", Domain.other));

    private CapMapper() {
    }

    /**
     * Maps an alert to a threat.
     *
     * @param alert
     *            as {@link CapParser#alert} read it
     * @param owner
     *            the threat's {@code owner}: an organisation code
     * @param classification
     *            {@code public}, {@code internal}, {@code restricted} or {@code secret}
     * @param root
     *            the identifier of the first alert of the alert's {@code references} chain: the threat's
     *            {@code sourceRef.id}
     *
     * @return the threat as a JSON object, ready for {@link org.lienthong.hub.api.json.Json#write}
     *
     * @throws CapRefusal
     *             when the alert has no {@code info} block (a {@code Cancel} may have none: it cannot say which threat
     *             ended without the earlier alert's content), no {@code headline} or {@code event}, a {@code sent} that
     *             is not a date-time, an unknown {@code msgType}, or an identifier or sender the hub cannot store
     */
    public static Map<String, Object> map(CapAlert alert, String owner, String classification, String root)
            throws CapRefusal {
        String sender = identifierText("sender", alert.sender());
        String identifier = identifierText("identifier", alert.identifier());
        String rootId = identifierText("root identifier", root);
        if (("cap:" + sender).length() > MAX_SOURCE_REF) {
            throw new CapRefusal("the sender is longer than " + (MAX_SOURCE_REF - 4) + " characters");
        }
        if (rootId.length() > MAX_SOURCE_REF || identifier.length() > MAX_SOURCE_REF) {
            throw new CapRefusal("the identifier is longer than " + MAX_SOURCE_REF + " characters");
        }
        String sent = timestamp(alert.sent());
        if (sent == null) {
            throw new CapRefusal("<sent> is not a date-time such as 2026-11-21T22:40:00+07:00: " + quote(alert.sent()));
        }
        if (!Vocabulary.isWireValue(MsgType.class, alert.msgType())) {
            throw new CapRefusal("<msgType> " + quote(alert.msgType()) + " is not a CAP 1.2 message type");
        }
        CapAlert.Info info = chooseInfo(alert.infos());
        if (info == null) {
            throw new CapRefusal("the " + alert.msgType() + " has no <info> block, so it names no threat"
                    + (alert.msgType().equals(MsgType.Cancel.toString())
                            ? " (a Cancel without <info> cannot be applied: cancel the threat on the hub instead)"
                            : ""));
        }
        String title = shortText(info.headline() != null ? info.headline() : info.event());
        if (title == null) {
            throw new CapRefusal("the chosen <info> has neither <headline> nor <event>, so the threat has no title");
        }

        Map<String, Object> threat = new LinkedHashMap<>();
        threat.put("owner", owner);
        threat.put("classification", classification);
        Map<String, Object> sourceRef = new LinkedHashMap<>();
        sourceRef.put("system", "cap:" + sender);
        sourceRef.put("id", rootId);
        threat.put("sourceRef", sourceRef);
        threat.put("title", title);
        putIfPresent(threat, "description", longText(info.description()));
        putIfPresent(threat, "instruction", longText(info.instruction()));
        String hazardCode = hazardCode(info);
        threat.put("hazardCode", hazardCode);
        threat.put("domain", domain(info, hazardCode));
        threat.put("status", status(alert, info));
        if ("Exercise".equals(alert.status())) {
            threat.put("exercise", true); // a drill, and marked so wherever it goes (CapWriter writes it back as
                                          // Exercise)
        }
        putIfPresent(threat, "riskLevel", riskLevel(info));
        putIfPresent(threat, "urgency", Vocabulary.isWireValue(Urgency.class, info.urgency()) ? info.urgency() : null);
        putIfPresent(threat, "severity",
                Vocabulary.isWireValue(Severity.class, info.severity()) ? info.severity() : null);
        String certainty = "Very Likely".equals(info.certainty()) ? Certainty.Likely.toString() : info.certainty();
        putIfPresent(threat, "certainty", Vocabulary.isWireValue(Certainty.class, certainty) ? certainty : null);
        Set<String> responseTypes = new LinkedHashSet<>();
        for (String r : info.responseTypes()) {
            if (Vocabulary.isWireValue(ResponseType.class, r)) {
                responseTypes.add(r);
            }
        }
        if (!responseTypes.isEmpty()) {
            threat.put("responseTypes", new ArrayList<>(responseTypes));
        }
        String effective = info.effective() != null ? timestamp(info.effective()) : null;
        if (effective == null) {
            effective = sent;
        }
        String onset = timestamp(info.onset());
        String expires = timestamp(info.expires());
        if (expires != null && (before(expires, effective) || (onset != null && before(expires, onset)))) {
            expires = null; // the hub refuses a threat that expires before it begins
        }
        threat.put("effective", effective);
        putIfPresent(threat, "onset", onset);
        putIfPresent(threat, "expires", expires);

        List<Object> areas = new ArrayList<>();
        for (CapAlert.Area area : info.areas()) {
            Map<String, Object> a = area(area);
            if (!a.isEmpty() && areas.size() < MAX_ITEMS) {
                areas.add(a);
            }
        }
        if (!areas.isEmpty()) {
            threat.put("areas", areas);
        }

        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("identifier", identifier);
        ref.put("sender", sender);
        ref.put("sent", sent);
        ref.put("msgType", alert.msgType());
        List<Object> references = new ArrayList<>();
        for (String entry : alert.referenceEntries()) {
            String clean = shortText(entry);
            if (clean != null && clean.equals(entry) && references.size() < MAX_ITEMS) {
                references.add(clean);
            }
        }
        ref.put("references", references);
        threat.put("alert", ref);
        return threat;
    }

    /**
     * The root of an alert's {@code references} chain when nothing else is known: the identifier of the earliest
     * referenced message (by its {@code sent}; ties, and times that cannot be read, go to the one listed first), or the
     * alert's own identifier when it references nothing.
     */
    public static String defaultRoot(CapAlert alert) {
        CapAlert.Reference earliest = null;
        Instant earliestSent = null;
        for (CapAlert.Reference r : alert.parsedReferences()) {
            Instant sent = instant(r.sent());
            boolean earlier = sent != null && (earliestSent == null || sent.isBefore(earliestSent));
            if (earliest == null || earlier) {
                earliest = r;
                earliestSent = sent;
            }
        }
        return earliest == null ? alert.identifier() : earliest.identifier();
    }

    /**
     * The {@code info} block a threat is made from: the first in Vietnamese ({@code vi}, {@code vi-*}), else the first
     * in English ({@code en}, {@code en-*}, or no {@code language}: CAP's default is {@code en-US}), else the first;
     * {@code null} when there is none.
     */
    public static CapAlert.Info chooseInfo(List<CapAlert.Info> infos) {
        for (String wanted : List.of("vi", "en")) {
            for (CapAlert.Info info : infos) {
                String language = info.language() == null ? "en-us" : info.language().toLowerCase(Locale.ROOT);
                if (language.equals(wanted) || language.startsWith(wanted + "-")) {
                    return info;
                }
            }
        }
        return infos.isEmpty() ? null : infos.get(0);
    }

    /**
     * The hazard code, by the first rule that gives one:
     * <ol>
     * <li>an {@code eventCode} whose {@code valueName} is {@value #HIP_VALUE_NAME} (any case) and whose value is a HIP
     * code ({@code MH0309}) or a national extension ({@code VN-DRUG}), as the hub's pattern allows;</li>
     * <li>a keyword in {@code event} or in the value of another {@code eventCode}, else in {@code headline}, in English
     * or Vietnamese: tsunami → MH0705, earthquake → GH0101, storm surge → MH0703, typhoon/hurricane/cyclone/bão →
     * MH0309, tornado → MH0305, flash flood/lũ quét → MH0603, landslide/sạt lở → GH0300, flood/lũ/ngập → MH0600,
     * thunderstorm/dông → MH0103, hail → MH0404, wildfire/bushfire/grassfire/scrub fire/cháy rừng → EN0205, structure
     * fire → TL0305, drought → MH0401, heat → MH0501, cold/rét → MH0502, blizzard → MH0403, snow → MH0405, avalanche →
     * MH0801, fog → MH0202, dust or sand storm → MH0201, air quality/smog → EN0103, wind/gust/gale → MH0301, rain →
     * MH0402, motor vehicle or road accident → TL0405 (the first in this order wins);</li>
     * <li>the first {@code category}: Geo → GH0101 (earthquake), Met → MH0301 (wind), Fire → TL0305 (fire), Env →
     * TL0302 (pollution), Infra → TL0207 (critical infrastructure failure), and national extensions where HIP has no
     * umbrella code: Safety → VN-SAFETY, Security → VN-SECURITY, Rescue → VN-RESCUE, Health → VN-HEALTH, Transport →
     * VN-TRANSPORT, CBRNE → VN-CBRNE, Other or none → VN-OTHER.</li>
     * </ol>
     * Codes are HIP 2025 (e.g. MH0309 tropical cyclone, MH0600 flooding, GH0101 earthquake).
     */
    public static String hazardCode(CapAlert.Info info) {
        StringBuilder words = new StringBuilder(info.event() == null ? "" : info.event());
        for (CapAlert.NamedValue code : info.eventCodes()) {
            if (code.valueName().equalsIgnoreCase(HIP_VALUE_NAME)) {
                String value = code.value().strip().toUpperCase(Locale.ROOT);
                if (HazardCode.matches(value)) {
                    return value;
                }
            } else {
                words.append(" | ").append(code.value());
            }
        }
        for (String text : new String[] { words.toString(), info.headline() == null ? "" : info.headline() }) {
            String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
            for (Map.Entry<Pattern, String> rule : KEYWORDS) {
                if (rule.getKey().matcher(normalized).find()) {
                    return rule.getValue();
                }
            }
        }
        String category = info.categories().isEmpty() ? "Other" : info.categories().get(0);
        return CATEGORY_HAZARD.getOrDefault(category, "VN-OTHER");
    }

    /**
     * The monitoring domain, from the first {@code category}: Geo → geology, Met → climate, Env → environment, Fire →
     * environment, CBRNE → environment, Health → health, Security → crime, Infra → energy, Safety, Rescue, Transport,
     * Other or none → other. One exception: a flooding hazard (HIP MH06xx) is in domain water.
     */
    public static String domain(CapAlert.Info info, String hazardCode) {
        if (hazardCode.startsWith("MH06")) {
            return Domain.water.toString();
        }
        String category = info.categories().isEmpty() ? "Other" : info.categories().get(0);
        return CATEGORY_DOMAIN.getOrDefault(category, Domain.other).toString();
    }

    /**
     * The risk level: the {@code parameter} {@value #RISK_LEVEL_PARAMETER} when it is a whole number from 1 to 5, else
     * from {@code severity}: Extreme 5, Severe 4, Moderate 3, Minor 2; {@code null} (left out) for Unknown or no
     * severity, since guessing the lowest level would understate an unknown threat.
     */
    public static Integer riskLevel(CapAlert.Info info) {
        for (CapAlert.NamedValue p : info.parameters()) {
            if (p.valueName().equalsIgnoreCase(RISK_LEVEL_PARAMETER) && p.value().strip().matches("[1-5]")) {
                return Integer.valueOf(p.value().strip());
            }
        }
        Severity severity = Vocabulary.fromWireValue(Severity.class, info.severity()).orElse(Severity.Unknown);
        return switch (severity) {
        case Extreme -> 5;
        case Severe -> 4;
        case Moderate -> 3;
        case Minor -> 2;
        case Unknown -> null;
        };
    }

    /**
     * The threat status: {@code ended} when the alert is a {@code Cancel}, when its urgency is {@code Past}
     * ("responsive action is no longer required") or when it recommends {@code AllClear}; otherwise {@code warning} (an
     * {@code Alert} or {@code Update} in force).
     */
    public static String status(CapAlert alert, CapAlert.Info info) {
        if (MsgType.Cancel.toString().equals(alert.msgType()) || Urgency.Past.toString().equals(info.urgency())
                || info.responseTypes().contains(ResponseType.AllClear.toString())) {
            return ThreatStatus.ended.toString();
        }
        return ThreatStatus.warning.toString();
    }

    /**
     * A CAP {@code polygon} ({@code "lat,lon lat,lon …"}, at least four pairs, first = last) as a GeoJSON Polygon
     * ({@code [lon, lat]}), or {@code null} when it cannot be one (unreadable numbers, latitude or longitude out of
     * range, fewer than three distinct points). The numbers are kept exactly as written; a ring that is not closed is
     * closed; the ring is made counter-clockwise, as RFC 7946 asks of exterior rings.
     */
    public static Map<String, Object> polygon(String text) {
        List<List<BigDecimal>> ring = ring(text);
        return ring == null ? null : geometry(GeometryType.Polygon, List.of(ring));
    }

    /**
     * A CAP {@code circle} ({@code "lat,lon radius"}, radius in kilometres) as GeoJSON: a Point for radius 0, otherwise
     * a Polygon of {@value #CIRCLE_VERTICES} vertices (plus the closing one) on a sphere of radius
     * {@value #EARTH_RADIUS_KM} km, each at the given distance from the centre along great circles, counter-clockwise,
     * to 7 decimals. A circle over a pole or the antimeridian gives a distorted polygon. {@code null} when it cannot be
     * read.
     */
    public static Map<String, Object> circle(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            return null;
        }
        List<BigDecimal> centre = position(parts[0]);
        double radius;
        try {
            radius = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (centre == null || !Double.isFinite(radius) || radius < 0 || radius > 20_000) {
            return null;
        }
        if (radius == 0) {
            return geometry(GeometryType.Point, centre);
        }
        double lat1 = Math.toRadians(centre.get(1).doubleValue());
        double lon1 = Math.toRadians(centre.get(0).doubleValue());
        double delta = radius / EARTH_RADIUS_KM;
        List<List<BigDecimal>> ring = new ArrayList<>();
        for (int i = 0; i < CIRCLE_VERTICES; i++) {
            double bearing = Math.toRadians(-360.0 * i / CIRCLE_VERTICES); // decreasing bearing: counter-clockwise
            double lat2 = Math
                    .asin(Math.sin(lat1) * Math.cos(delta) + Math.cos(lat1) * Math.sin(delta) * Math.cos(bearing));
            double lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(delta) * Math.cos(lat1),
                    Math.cos(delta) - Math.sin(lat1) * Math.sin(lat2));
            double lon = Math.toDegrees(lon2);
            lon = ((lon + 540) % 360) - 180;
            ring.add(List.of(round(lon), round(Math.toDegrees(lat2))));
        }
        ring.add(ring.get(0));
        return geometry(GeometryType.Polygon, List.of(ring));
    }

    /**
     * A CAP date-time ({@code 2003-06-17T14:57:00-07:00}; {@code Z}, lower case and fractions are tolerated) as RFC
     * 3339 in UTC ({@code 2003-06-17T21:57:00Z}), or {@code null} when it is absent or not a date-time.
     */
    public static String timestamp(String text) {
        Instant instant = instant(text);
        if (instant == null || instant.isBefore(Instant.parse("0000-01-01T00:00:00Z"))
                || !instant.isBefore(Instant.parse("9999-12-31T00:00:00Z"))) {
            return null;
        }
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip().toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, Object> area(CapAlert.Area area) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "description", shortText(area.areaDesc()));
        Set<String> codes = new LinkedHashSet<>();
        for (CapAlert.NamedValue geocode : area.geocodes()) {
            for (String token : geocode.value().strip().split("\\s+")) {
                if (AdminCode.matches(token) && codes.size() < MAX_ITEMS) {
                    codes.add(token);
                }
            }
        }
        if (!codes.isEmpty()) {
            out.put("adminCodes", new ArrayList<>(codes));
        }
        putIfPresent(out, "geometry", areaGeometry(area));
        return out;
    }

    /** The area's polygons and circles as one GeoJSON geometry, or {@code null}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> areaGeometry(CapAlert.Area area) {
        List<Object> polygons = new ArrayList<>(); // Polygon coordinates
        List<Object> points = new ArrayList<>(); // Point coordinates
        int positions = 0;
        List<Map<String, Object>> shapes = new ArrayList<>();
        for (String p : area.polygons()) {
            shapes.add(polygon(p));
        }
        for (String c : area.circles()) {
            shapes.add(circle(c));
        }
        for (Map<String, Object> shape : shapes) {
            if (shape == null) {
                continue;
            }
            if (shape.get("type").equals(GeometryType.Point.toString())) {
                points.add(shape.get("coordinates"));
                positions++;
            } else {
                List<Object> rings = (List<Object>) shape.get("coordinates");
                polygons.add(rings);
                positions += ((List<Object>) rings.get(0)).size();
            }
        }
        if (positions > MAX_POSITIONS) {
            return null;
        }
        Map<String, Object> polygonPart = switch (polygons.size()) {
        case 0 -> null;
        case 1 -> geometry(GeometryType.Polygon, polygons.get(0));
        default -> geometry(GeometryType.MultiPolygon, polygons);
        };
        Map<String, Object> pointPart = switch (points.size()) {
        case 0 -> null;
        case 1 -> geometry(GeometryType.Point, points.get(0));
        default -> geometry(GeometryType.MultiPoint, points);
        };
        if (polygonPart != null && pointPart != null) {
            Map<String, Object> collection = new LinkedHashMap<>();
            collection.put("type", GeometryType.GeometryCollection.toString());
            collection.put("geometries", new ArrayList<>(List.of(polygonPart, pointPart)));
            return collection;
        }
        return polygonPart != null ? polygonPart : pointPart;
    }

    /** {@code "lat,lon lat,lon …"} as a closed, counter-clockwise ring of {@code [lon, lat]}, or {@code null}. */
    private static List<List<BigDecimal>> ring(String text) {
        List<List<BigDecimal>> ring = new ArrayList<>();
        for (String pair : text.strip().split("\\s+")) {
            List<BigDecimal> position = position(pair);
            if (position == null) {
                return null;
            }
            ring.add(position);
        }
        Set<List<BigDecimal>> distinct = new java.util.HashSet<>();
        for (List<BigDecimal> p : ring) {
            distinct.add(List.of(p.get(0).stripTrailingZeros(), p.get(1).stripTrailingZeros()));
        }
        if (distinct.size() < 3 || ring.size() > MAX_POSITIONS) {
            return null;
        }
        List<BigDecimal> first = ring.get(0);
        List<BigDecimal> last = ring.get(ring.size() - 1);
        if (first.get(0).compareTo(last.get(0)) == 0 && first.get(1).compareTo(last.get(1)) == 0) {
            ring.set(ring.size() - 1, first); // the same text, so that the hub sees the ring closed
        } else {
            ring.add(first);
        }
        if (signedArea(ring) < 0) {
            java.util.Collections.reverse(ring);
        }
        return ring;
    }

    /**
     * Twice the signed area of a closed ring in the plane of longitude and latitude: positive when counter-clockwise.
     */
    private static double signedArea(List<List<BigDecimal>> ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            double x1 = ring.get(i).get(0).doubleValue();
            double y1 = ring.get(i).get(1).doubleValue();
            double x2 = ring.get(i + 1).get(0).doubleValue();
            double y2 = ring.get(i + 1).get(1).doubleValue();
            sum += x1 * y2 - x2 * y1;
        }
        return sum;
    }

    /** {@code "lat,lon"} as {@code [lon, lat]}, exactly as written, or {@code null}. */
    private static List<BigDecimal> position(String pair) {
        String[] parts = pair.split(",", -1);
        if (parts.length != 2) {
            return null;
        }
        try {
            BigDecimal lat = new BigDecimal(parts[0].strip());
            BigDecimal lon = new BigDecimal(parts[1].strip());
            if (lat.abs().compareTo(BigDecimal.valueOf(90)) > 0 || lon.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
                return null;
            }
            return List.of(lon, lat);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal round(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(7, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static Map<String, Object> geometry(GeometryType type, Object coordinates) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("type", type.toString());
        g.put("coordinates", coordinates);
        return g;
    }

    private static boolean before(String a, String b) {
        return Instant.parse(a).isBefore(Instant.parse(b));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** An identifier or sender as the hub can store it; CAP forbids spaces and commas in both. */
    private static String identifierText(String what, String value) throws CapRefusal {
        String clean = shortText(value);
        if (clean == null || !clean.equals(value.strip()) || clean.contains(" ")) {
            throw new CapRefusal("the " + what + " " + quote(value)
                    + " is empty, contains spaces or control characters, or is longer than " + SHORT_TEXT
                    + " characters");
        }
        return clean;
    }

    /**
     * One line of text as the hub's short-text fields want it: NFC, control characters removed, whitespace runs
     * collapsed to one space, at most {@value #SHORT_TEXT} characters (cut with "…"); {@code null} when empty.
     */
    static String shortText(String text) {
        if (text == null) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return cut(out.toString(), SHORT_TEXT);
    }

    private static final Pattern HTML_BREAK = Pattern.compile("(?i)<br\\s*/?>");

    /**
     * Multi-line text as the hub's long-text fields want it: NFC, HTML line breaks ({@code <br />
     * }, common in CAP feeds) as line breaks, CR LF as LF, control characters other than line feed and tab replaced by
     * a space, surrounding whitespace removed, at most {@value #LONG_TEXT} characters; {@code null} when empty.
     */
    static String longText(String text) {
        if (text == null) {
            return null;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        s = HTML_BREAK.matcher(s).replaceAll("\n").replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
        }
        return cut(out.toString().strip(), LONG_TEXT);
    }

    private static String cut(String s, int max) {
        if (s.isEmpty()) {
            return null;
        }
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)).stripTrailing() + "…";
    }

    private static String quote(String s) {
        if (s == null) {
            return "(none)";
        }
        String one = s.replaceAll("\\s+", " ");
        return "'" + (one.length() <= 80 ? one : one.substring(0, 80) + "…") + "'";
    }

    private static Map.Entry<Pattern, String> keyword(String code, String... words) {
        StringBuilder regex = new StringBuilder("(?iU)\\b(?:");
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "|").append(Pattern.quote(Normalizer.normalize(words[i], Normalizer.Form.NFC)));
        }
        return Map.entry(Pattern.compile(regex.append(')').toString()), code);
    }
}
