package org.lienthong.connector.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** What the tests share: samples and small CAP documents. */
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
}
