package org.lienthong.connector.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.cap.Fixtures.config;

import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lienthong.hub.api.connector.ConfigField;
import org.lienthong.hub.api.connector.ConfigField.Type;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.api.connector.SourceConnector;

/** The type's metadata, its validation rules and what {@code open} returns. No network. */
class CapConnectorTypeTest {

    private final CapConnectorType type = new CapConnectorType();

    @Test
    void isFoundByServiceLoader() {
        List<ConnectorType> types = ServiceLoader.load(ConnectorType.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        assertEquals(1, types.size());
        assertInstanceOf(CapConnectorType.class, types.get(0));
        assertEquals("cap", types.get(0).name());
        assertFalse(types.get(0).description().isBlank());
    }

    @Test
    void declaresItsFieldsInFormOrder() {
        List<ConfigField> fields = type.configuration();
        assertEquals(List.of("url", "owner", "classification", "intervalSeconds"),
                fields.stream().map(ConfigField::name).toList());
        assertEquals(Type.URL, fields.get(0).type());
        assertTrue(fields.get(0).required());
        assertEquals(Type.STRING, fields.get(1).type());
        assertTrue(fields.get(1).required());
        assertEquals(Type.ENUM, fields.get(2).type());
        assertEquals("public", fields.get(2).defaultValue());
        assertEquals(List.of("public", "internal", "restricted", "secret"), fields.get(2).allowedValues());
        assertEquals(Type.INTEGER, fields.get(3).type());
        assertEquals("300", fields.get(3).defaultValue());
        assertFalse(fields.get(3).required());
        assertTrue(fields.stream().noneMatch(ConfigField::secret));
        assertNull(fields.get(0).defaultValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://alerts.nchmf.gov.vn/cap/index.atom", "http://127.0.0.1:8080/a.xml",
            "file:///var/lib/lienthong/drop/alerts.atom", "file://localhost/var/drop/a.xml" })
    void acceptsHttpHttpsAndFileUrls(String url) {
        assertEquals(List.of(), type.validate(config(url)));
    }

    @Test
    void reportsEveryProblem() {
        List<ConfigProblem> problems = type.validate(config("ftp://example.org/a.xml", "owner", "VN_HN",
                "classification", "top-secret", "intervalSeconds", 5L));
        assertEquals(List.of("url", "owner", "classification", "intervalSeconds"),
                problems.stream().map(ConfigProblem::field).toList());
        assertEquals(List.of("url"), fields(config("https://user:pw@example.org/a.xml")));
        assertEquals(List.of("url"), fields(config("file://server/share/a.xml")));
        assertEquals(List.of("url"), fields(config("https://example.org/a.xml#x")));
        assertEquals(List.of("url"), fields(config("not a url")));
        assertEquals(List.of("url"), fields(config(null)));
        assertEquals(List.of("owner"), fields(config("https://example.org/a.xml", "owner", null)));
        assertEquals(List.of("intervalSeconds"),
                fields(config("https://example.org/a.xml", "intervalSeconds", 86_401L)));
        assertEquals(List.of(), fields(config("https://example.org/a.xml", "intervalSeconds", 10L)));
    }

    private List<String> fields(org.lienthong.hub.api.connector.ConnectorConfig config) {
        return type.validate(config).stream().map(ConfigProblem::field).toList();
    }

    @Test
    void opensASourceAndNothingElse() throws Exception {
        try (Connector c = type.open(config("https://example.org/a.xml", "intervalSeconds", 60L), Fixtures.context())) {
            SourceConnector source = assertInstanceOf(SourceConnector.class, c);
            assertFalse(c instanceof SinkConnector);
            assertEquals(Duration.ofSeconds(60), source.interval());
            assertTrue(c.toString().contains("https://example.org/a.xml"));
        }
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> type.open(config("gopher://x"), Fixtures.context()));
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().startsWith("invalid cap configuration: url"), e.getMessage());
    }
}
