package org.lienthong.connector.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lienthong.connector.testkit.TestConfigs;
import org.lienthong.connector.testkit.TestContext;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.SourceConnector;
import org.lienthong.hub.api.connector.SourceItem;
import org.lienthong.hub.api.json.Json;

/** What the tests share: samples, configurations, a context, and small CAP documents. */
final class Fixtures {

    static final String OWNER = "vn.nchmf";

    private Fixtures() {
    }

    /** A sample from {@code src/test/resources/samples}. */
    static byte[] sample(String name) {
        return resource("samples/" + name);
    }

    static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A configuration as the hub hands it over (defaults applied), with {@code overrides} on top; an override of
     * {@code null} removes the field.
     */
    static ConnectorConfig config(String url, Object... overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (url != null) {
            values.put("url", url);
        }
        values.put("owner", OWNER);
        values.put("classification", "public");
        values.put("intervalSeconds", 300L);
        return TestConfigs.config(values, overrides);
    }

    static SourceConnector source(String url, TestContext context) throws ConnectorException {
        return (SourceConnector) new CapConnectorType().open(config(url), context);
    }

    /** The threats a batch upserts, parsed. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> threats(List<SourceItem> items) {
        return items.stream().filter(SourceItem.Upsert.class::isInstance).map(SourceItem.Upsert.class::cast)
                .map(u -> (Map<String, Object>) Json.parse(u.json())).toList();
    }

    static List<SourceItem.Refused> refused(List<SourceItem> items) {
        return items.stream().filter(SourceItem.Refused.class::isInstance).map(SourceItem.Refused.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    /**
     * A small CAP 1.2 alert.
     *
     * @param references
     *            the {@code references} text, or {@code null}
     * @param info
     *            whether to include an {@code info} block
     */
    static String alert(String identifier, String sent, String msgType, String references, String headline,
            boolean info) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>nchmf.gov.vn</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>%s</msgType>
                  <scope>Public</scope>
                  %s
                  %s
                </alert>
                """.formatted(identifier, sent, msgType,
                references == null ? "" : "<references>" + references + "</references>", !info ? "" : """
                              <info>
                          <language>vi-VN</language>
                          <category>Met</category>
                          <event>Bão</event>
                          <urgency>Expected</urgency>
                          <severity>Severe</severity>
                          <certainty>Likely</certainty>
                          <eventCode><valueName>UNDRR-ISC-HIP</valueName><value>MH0309</value></eventCode>
                          <headline>%s</headline>
                          <area>
                            <areaDesc>Quảng Ngãi</areaDesc>
                            <polygon>15.0,108.5 15.5,108.5 15.5,109.0 15.0,109.0 15.0,108.5</polygon>
                            <geocode><valueName>VN-ADMIN</valueName><value>51</value></geocode>
                          </area>
                        </info>""".formatted(headline));
    }

    /** The context the hub would give an instance. */
    static TestContext context() {
        return new TestContext("cap-nchmf", "hanoi", Clock.systemUTC());
    }
}
