package org.lienthong.connector.cap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hardened parser: what it accepts, and the hostile or malformed documents it refuses with a reason. */
class CapParserTest {

    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>
            """;

    /** A document whose DOCTYPE declares an external entity pointing at {@code target}, used in the headline. */
    static String xxe(Path target) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE alert [ <!ENTITY secret SYSTEM "%s"> ]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>XXE-1</identifier><sender>evil@example.org</sender>
                  <sent>2026-11-21T22:40:00+07:00</sent><status>Actual</status><msgType>Alert</msgType>
                  <scope>Public</scope>
                  <info><category>Met</category><event>&secret;</event><urgency>Immediate</urgency>
                    <severity>Severe</severity><certainty>Observed</certainty><headline>&secret;</headline></info>
                </alert>
                """.formatted(target.toUri());
    }

    @Test
    void readsACap12Alert() throws Exception {
        List<CapAlert> alerts = CapParser.parseAlerts(
                Fixtures.alert("A-1", "2026-11-21T22:40:00+07:00", "Alert", null, "Bão số 9 đổ bộ Quảng Ngãi", true)
                        .getBytes(UTF_8));
        assertEquals(1, alerts.size());
        CapAlert a = alerts.get(0);
        assertEquals("A-1", a.identifier());
        assertEquals("nchmf.gov.vn", a.sender());
        assertEquals("2026-11-21T22:40:00+07:00", a.sent());
        assertEquals("Actual", a.status());
        assertEquals("Alert", a.msgType());
        assertEquals(1, a.infos().size());
        CapAlert.Info info = a.infos().get(0);
        assertEquals("vi-VN", info.language());
        assertEquals("Bão số 9 đổ bộ Quảng Ngãi", info.headline());
        assertEquals(List.of(new CapAlert.NamedValue("UNDRR-ISC-HIP", "MH0309")), info.eventCodes());
        assertEquals("Quảng Ngãi", info.areas().get(0).areaDesc());
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        String secret = "SECRET-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        byte[] document = xxe(file).getBytes(UTF_8);

        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.parseAlerts(document));
        assertTrue(refusal.reason().contains("DOCTYPE"), refusal.reason());
        assertFalse(refusal.reason().contains(secret));
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        byte[] document = BILLION_LAUGHS.getBytes(UTF_8);
        CapRefusal refusal = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(CapRefusal.class, () -> CapParser.read(document)));
        assertTrue(refusal.reason().contains("DOCTYPE"), refusal.reason());
    }

    @Test
    void anyDoctypeIsRefusedEvenAHarmlessOne() {
        byte[] document = """
                <?xml version="1.0"?>
                <!DOCTYPE alert>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>
                """.getBytes(UTF_8);
        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.read(document));
        assertTrue(refusal.reason().startsWith("refused: the document contains a DOCTYPE declaration (line 2)"),
                refusal.reason());
    }

    @Test
    void xincludeIsNotProcessed(@TempDir Path dir) throws Exception {
        String secret = "SECRET-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("included.xml"), "<x>" + secret + "</x>");
        String document = Fixtures.alert("XI-1", "2026-11-21T22:40:00+07:00", "Alert", null, "headline", true)
                .replace("<headline>headline</headline>", "<headline><xi:include xmlns:xi=\"http://www.w3.org/2001/"
                        + "XInclude\" href=\"" + file.toUri() + "\" parse=\"text\"/></headline>");
        CapAlert alert = CapParser.parseAlerts(document.getBytes(UTF_8)).get(0);
        assertEquals(null, alert.infos().get(0).headline()); // the include element is left as it is: no text
    }

    @Test
    void malformedXmlIsRefusedWithItsPosition() {
        byte[] document = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</alert>".getBytes(UTF_8);
        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.read(document));
        assertTrue(refusal.reason().startsWith("not well-formed XML (line 1, column"), refusal.reason());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<a>".repeat(CapParser.MAX_DEPTH + 5) + "</a>".repeat(CapParser.MAX_DEPTH + 5);
        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.read(deep.getBytes(UTF_8)));
        assertTrue(refusal.reason().contains("nested more than " + CapParser.MAX_DEPTH), refusal.reason());
    }

    @Test
    void olderCapVersionsAndOtherDocumentsAreRefusedByName() {
        byte[] cap11 = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\"/>".getBytes(UTF_8);
        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.parseAlerts(cap11));
        assertEquals("a CAP 1.1 alert: only CAP 1.2 (urn:oasis:names:tc:emergency:cap:1.2) is accepted",
                refusal.reason());

        byte[] html = "<html><body>Not found</body></html>".getBytes(UTF_8);
        refusal = assertThrows(CapRefusal.class, () -> CapParser.parseAlerts(html));
        assertEquals("not a CAP 1.2 alert: the root element is html", refusal.reason());
    }

    @Test
    void anIncompleteAlertIsRefusedNamingWhatIsMissing() {
        byte[] document = """
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <sender>x</sender><sent>2026-11-21T22:40:00+07:00</sent><msgType>Alert</msgType>
                </alert>""".getBytes(UTF_8);
        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.parseAlerts(document));
        assertEquals("not a complete CAP 1.2 alert: <identifier> is missing or empty", refusal.reason());
    }

    @Test
    void anEdxlDistributionWithoutCapIsRefused() {
        byte[] document = """
                <EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">
                  <contentObject><xmlContent><embeddedXMLContent><other xmlns="urn:x"/></embeddedXMLContent>
                  </xmlContent></contentObject>
                </EDXLDistribution>""".getBytes(UTF_8);
        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.parseAlerts(document));
        assertTrue(refusal.reason().startsWith("an EDXL-DE distribution without a CAP 1.2 alert"), refusal.reason());
    }

    @Test
    void undecodableBytesAreRefused() {
        byte[] document = new byte[] { '<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>' };
        CapRefusal refusal = assertThrows(CapRefusal.class, () -> CapParser.read(document));
        assertTrue(refusal.reason().startsWith("not "), refusal.reason());
    }
}
