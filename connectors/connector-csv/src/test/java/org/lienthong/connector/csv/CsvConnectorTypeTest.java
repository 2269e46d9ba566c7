package org.lienthong.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.csv.Fixtures.config;

import java.text.Normalizer;
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

/** The type's metadata, its validation rules, and what {@code open} returns. No file system, no network. */
class CsvConnectorTypeTest {

    private static final String DIR = "file:///var/lib/lienthong/drop/kho/";
    private final CsvConnectorType type = new CsvConnectorType();

    @Test
    void isFoundByServiceLoader() {
        List<ConnectorType> types = ServiceLoader.load(ConnectorType.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        assertEquals(1, types.size());
        assertInstanceOf(CsvConnectorType.class, types.get(0));
        assertEquals("csv", types.get(0).name());
        assertFalse(types.get(0).description().isBlank());
    }

    @Test
    void declaresItsFieldsInFormOrder() {
        List<ConfigField> fields = type.configuration();
        assertEquals(
                List.of("url", "kind", "owner", "classification", "sourceSystem", "headerMapping", "intervalSeconds"),
                fields.stream().map(ConfigField::name).toList());
        assertEquals(Type.URL, fields.get(0).type());
        assertTrue(fields.get(0).required());
        assertEquals(Type.ENUM, fields.get(1).type());
        assertEquals(List.of("threat", "incident", "resource"), fields.get(1).allowedValues());
        assertTrue(fields.get(1).required());
        assertEquals(Type.STRING, fields.get(2).type());
        assertFalse(fields.get(2).required());
        assertEquals(Type.ENUM, fields.get(3).type());
        assertEquals(List.of("public", "internal", "restricted", "secret"), fields.get(3).allowedValues());
        assertFalse(fields.get(3).required());
        assertNull(fields.get(3).defaultValue());
        assertEquals(Type.STRING, fields.get(4).type());
        assertEquals(Type.STRING_LIST, fields.get(5).type());
        assertEquals(Type.INTEGER, fields.get(6).type());
        assertEquals("300", fields.get(6).defaultValue());
        fields.forEach(f -> {
            assertFalse(f.secret(), f.name());
            assertFalse(f.description().isBlank(), f.name());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { DIR, "file:/var/lib/lienthong/drop/kho.csv", "https://kho.example.gov.vn/xuat/kho.csv",
            "http://10.0.0.5:8080/export?format=csv&key=abc" })
    void acceptsHttpAndFileUrls(String url) {
        assertEquals(List.of(), type.validate(config(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://kho.example.gov.vn/kho.csv", "kho.csv", "file://server/share/kho.csv",
            "file:///drop/?x=1", "https://user:pw@kho.example.gov.vn/kho.csv", "https:///kho.csv", "http://a b", "  " })
    void refusesOtherUrls(String url) {
        List<ConfigProblem> problems = type.validate(config(url));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("url", problems.get(0).field());
    }

    @Test
    void namesEveryOtherProblem() {
        List<ConfigProblem> problems = type
                .validate(config(DIR, "kind", "event", "owner", "VN HN", "classification", "top-secret", "sourceSystem",
                        "kho\nhn", "intervalSeconds", 0L, "headerMapping", List.of("Tên", "=title")));
        assertEquals(List.of("kind", "owner", "classification", "sourceSystem", "headerMapping", "headerMapping",
                "intervalSeconds"), problems.stream().map(ConfigProblem::field).toList());
    }

    @Test
    void checksTheMappingAgainstTheKindsColumns() {
        List<ConfigProblem> problems = type
                .validate(config(DIR, "headerMapping", List.of("Tên=name", "Tiêu đề=title", "STT=", "Số lượng=quantity",
                        " tên =unit", Normalizer.normalize("Số lượng", Normalizer.Form.NFD) + "=available")));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("'title' is not a column of a resource"), problems.toString());
        assertTrue(problems.get(1).message().contains("maps the sheet header 'tên' twice"), problems.toString());
        assertTrue(problems.get(2).message().contains("twice"), problems.toString());

        assertEquals(List.of(),
                type.validate(config(DIR, "kind", "incident", "headerMapping",
                        List.of("Tiêu đề=title", "Số người chết=impacts.deaths", "Ước tính=impacts.deaths.estimated",
                                "Mã địa bàn=location.adminCodes", "Hệ thống=sourceRef.system", "a=b=owner"))));
    }

    @Test
    void opensASourceWithoutTouchingTheDrop() throws ConnectorException {
        try (Connector c = type.open(config("file:///nonexistent/drop/"), Fixtures.context())) {
            SourceConnector source = assertInstanceOf(SourceConnector.class, c);
            assertFalse(c instanceof SinkConnector);
            assertEquals(Duration.ofSeconds(300), source.interval());
            assertTrue(c.toString().contains("/nonexistent/drop"), c.toString());
        }
        try (Connector c = type.open(config("https://kho.example.gov.vn/kho.csv?key=secret", "intervalSeconds", 60L),
                Fixtures.context())) {
            assertEquals(Duration.ofSeconds(60), ((SourceConnector) c).interval());
            assertFalse(c.toString().contains("secret"), c.toString());
        }
    }

    @Test
    void refusesToOpenAnInvalidConfiguration() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> type.open(config(DIR, "kind", "event"), Fixtures.context()));
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().startsWith("invalid csv configuration: kind"), e.getMessage());
    }
}
