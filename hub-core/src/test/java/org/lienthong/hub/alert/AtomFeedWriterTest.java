package org.lienthong.hub.alert;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.testing.Xml;
import org.w3c.dom.Element;

/** The Atom writer and the public links, without a hub. */
class AtomFeedWriterTest {

    static final String ATOM = AtomFeedWriter.ATOM;

    @Test
    void aFeedIsWellFormedAtomWithEscapedText() throws Exception {
        Instant t1 = Instant.parse("2026-11-22T03:15:30.987Z");
        Instant t0 = Instant.parse("2026-11-21T15:40:00Z");
        var entries = List.of(new AtomFeedWriter.Entry("lienthong:019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e:2",
                "Bão số 9 <đổ bộ> & \"gió\" \u0001", "Gió mạnh cấp 12–13.\nMưa rất to.", t1, t0,
                "Trung tâm Dự báo KTTV", "https://a.example/api/v1/alerts/019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e"),
                new AtomFeedWriter.Entry("lienthong:0192f3e4-5b6c-7d8e-9f00-112233445566:1", "Drought", null, t0, t0,
                        "vn.mae", "https://a.example/api/v1/alerts/0192f3e4-5b6c-7d8e-9f00-112233445566"));
        byte[] xml = AtomFeedWriter.write(new AtomFeedWriter.Feed("https://a.example/api/v1/alerts/cap.atom",
                "Lienthong: alerts", "https://a.example/api/v1/alerts/cap.atom", t1, "Lienthong hub a", entries));
        String text = new String(xml, UTF_8);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"" + ATOM + "\">"), text);
        assertTrue(text.contains("&lt;đổ bộ&gt; &amp;"), text);

        Element feed = Xml.parse(xml).getDocumentElement();
        assertEquals("2026-11-22T03:15:30Z", Xml.text(feed, ATOM, "updated"), "whole seconds, UTC");
        Element self = Xml.children(feed, ATOM, "link").get(0);
        assertEquals("self", self.getAttribute("rel"));
        assertEquals("application/atom+xml", self.getAttribute("type"));
        List<Element> items = Xml.children(feed, ATOM, "entry");
        assertEquals(2, items.size());
        Element first = items.get(0);
        assertEquals("Bão số 9 <đổ bộ> & \"gió\" ", Xml.text(first, ATOM, "title"),
                "a control character XML cannot carry is dropped");
        assertEquals("Gió mạnh cấp 12–13.\nMưa rất to.", Xml.text(first, ATOM, "summary"));
        assertEquals("2026-11-21T15:40:00Z", Xml.text(first, ATOM, "published"));
        Element alternate = Xml.link(first, "alternate");
        assertEquals("application/cap+xml", alternate.getAttribute("type"));
        assertEquals("https://a.example/api/v1/alerts/019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e",
                alternate.getAttribute("href"));
        assertFalse(new String(xml, UTF_8).split("<entry>")[2].contains("<summary>"), "no description: no summary");
    }

    @Test
    void linksAreBelowTheConfiguredBaseElseTheRequestsBase() {
        URI request = URI.create("http://10.0.0.5:8080/");
        assertEquals("http://10.0.0.5:8080/api/v1/alerts/cap.atom", PublicLinks.of(Optional.empty(), request).feed());
        PublicLinks configured = PublicLinks.of(Optional.of(URI.create("https://example.gov.vn/lienthong/")), request);
        assertEquals("https://example.gov.vn/lienthong/api/v1/alerts/cap.atom", configured.feed());
        assertEquals("https://example.gov.vn/lienthong/api/v1/alerts/0192f3e4-5b6c-7d8e-9f00-112233445566",
                configured.alert("0192f3e4-5b6c-7d8e-9f00-112233445566"));
        assertEquals("https://canhbao.example.gov.vn/api/v1/alerts/x",
                PublicLinks.of(Optional.of(URI.create("https://canhbao.example.gov.vn")), request).alert("x"));
    }
}
