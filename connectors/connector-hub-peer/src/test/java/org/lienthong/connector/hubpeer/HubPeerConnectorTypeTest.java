package org.lienthong.connector.hubpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.hubpeer.Fixtures.TOKEN;
import static org.lienthong.connector.hubpeer.Fixtures.config;

import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lienthong.hub.api.connector.ConfigField;
import org.lienthong.hub.api.connector.ConfigField.Type;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.api.connector.Secret;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.api.connector.SourceConnector;

/** The type's metadata, its validation rules, and what {@code open} returns. No network. */
class HubPeerConnectorTypeTest {

    private static final String URL = "https://central.example.gov.vn";
    private final HubPeerConnectorType type = new HubPeerConnectorType();

    @Test
    void isFoundByServiceLoader() {
        List<ConnectorType> types = ServiceLoader.load(ConnectorType.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        assertEquals(1, types.size());
        assertInstanceOf(HubPeerConnectorType.class, types.get(0));
        assertEquals("hub-peer", types.get(0).name());
        assertFalse(types.get(0).description().isBlank());
    }

    @Test
    void declaresItsFieldsInFormOrder() {
        List<ConfigField> fields = type.configuration();
        assertEquals(List.of("url", "token", "direction", "kinds", "intervalSeconds", "batchSize"),
                fields.stream().map(ConfigField::name).toList());

        ConfigField url = fields.get(0);
        assertEquals(Type.URL, url.type());
        assertTrue(url.required());
        assertFalse(url.secret());

        ConfigField token = fields.get(1);
        assertTrue(token.secret());
        assertTrue(token.required());
        assertNull(token.defaultValue());

        ConfigField direction = fields.get(2);
        assertEquals(Type.ENUM, direction.type());
        assertEquals(List.of("pull", "push", "both"), direction.allowedValues());
        assertEquals("both", direction.defaultValue());
        assertFalse(direction.required());

        ConfigField kinds = fields.get(3);
        assertEquals(Type.STRING_LIST, kinds.type());
        assertEquals("threat,incident,resource", kinds.defaultValue());

        assertEquals(Type.INTEGER, fields.get(4).type());
        assertEquals("5", fields.get(4).defaultValue());
        assertEquals(Type.INTEGER, fields.get(5).type());
        assertEquals("500", fields.get(5).defaultValue());
        fields.forEach(f -> assertFalse(f.description().isBlank(), f.name()));
    }

    @Test
    void aCompleteConfigurationIsValid() {
        assertEquals(List.of(), type.validate(config(URL)));
        assertEquals(List.of(), type.validate(config(URL + "/")));
        assertEquals(List.of(), type.validate(config("http://10.0.0.7:8080/lienthong/")));
        assertEquals(List.of(), type.validate(config(URL, "direction", "pull", "kinds", List.of("incident"),
                "intervalSeconds", 1L, "batchSize", 1L)));
        assertEquals(List.of(),
                type.validate(config(URL, "direction", "push", "intervalSeconds", 3600L, "batchSize", 1000L)));
    }

    @Test
    void absentOptionalFieldsTakeTheirDefaults() {
        assertEquals(List.of(),
                type.validate(config(URL, "direction", null, "intervalSeconds", null, "batchSize", null)));
    }

    @Test
    void urlIsRequired() {
        assertProblem(config(null), "url", "is required");
        assertProblem(config(" "), "url", "is required");
    }

    @ParameterizedTest
    @ValueSource(strings = { "central.example.gov.vn", "ftp://central.example.gov.vn", "file:///etc/passwd",
            "mailto:ops@example.gov.vn" })
    void urlMustBeHttpOrHttps(String url) {
        assertProblem(config(url), "url", "http or https");
    }

    @Test
    void urlRules() {
        assertProblem(config("https://central.example.gov.vn/?x=1"), "url", "must not have a query");
        assertProblem(config("https://central.example.gov.vn/#top"), "url", "must not have a fragment");
        assertProblem(config("https://admin:pw@central.example.gov.vn"), "url", "user name or password");
        assertProblem(config("https:///api"), "url", "must name a host");
        assertProblem(config("https://central example"), "url", "is not a valid URL");
    }

    @Test
    void tokenIsRequiredAndPrintable() {
        assertProblem(config(URL, "token", null), "token", "is required");
        assertProblem(config(URL, "token", new Secret("   ")), "token", "is required");
        assertProblem(config(URL, "token", new Secret("abc def")), "token", "printable ASCII");
        assertProblem(config(URL, "token", new Secret("abc\r\nX-Evil: 1")), "token", "printable ASCII");
        assertProblem(config(URL, "token", new Secret("mật-khẩu")), "token", "printable ASCII");
        assertEquals(List.of(), type.validate(config(URL, "token", new Secret(TOKEN + "\n"))));
    }

    @Test
    void directionIsPullPushOrBoth() {
        assertProblem(config(URL, "direction", "sideways"), "direction", "pull, push or both");
    }

    @Test
    void kindsMustBeANonEmptySubsetWithoutDuplicates() {
        assertProblem(config(URL, "kinds", List.of()), "kinds", "at least one");
        assertProblem(config(URL, "kinds", List.of("incident", "alert")), "kinds", "'alert' is not a record kind");
        assertProblem(config(URL, "kinds", List.of("Incident")), "kinds", "'Incident' is not a record kind");
        assertProblem(config(URL, "kinds", List.of("threat", "incident", "threat")), "kinds",
                "names 'threat' more than once");
    }

    @Test
    void intervalIsOneToThreeThousandSixHundredSeconds() {
        assertProblem(config(URL, "intervalSeconds", 0L), "intervalSeconds", "from 1 to 3600");
        assertProblem(config(URL, "intervalSeconds", 3601L), "intervalSeconds", "from 1 to 3600");
        assertProblem(config(URL, "intervalSeconds", -5L), "intervalSeconds", "from 1 to 3600");
    }

    @Test
    void batchSizeIsOneToAThousand() {
        assertProblem(config(URL, "batchSize", 0L), "batchSize", "from 1 to 1000");
        assertProblem(config(URL, "batchSize", 1001L), "batchSize", "from 1 to 1000");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<ConfigProblem> problems = type.validate(config("ftp://x", "token", new Secret(" "), "direction", "up",
                "kinds", List.of("x"), "intervalSeconds", 0L, "batchSize", 0L));
        assertEquals(List.of("url", "token", "direction", "kinds", "intervalSeconds", "batchSize"),
                problems.stream().map(ConfigProblem::field).toList());
    }

    @Test
    void problemsNeverQuoteTheToken() {
        String badToken = TOKEN + " with a space";
        List<ConfigProblem> problems = type.validate(config("https://" + TOKEN + "@x", "token", new Secret(badToken)));
        assertEquals(2, problems.size());
        problems.forEach(p -> assertFalse(p.message().contains("with a space"), p.message()));
    }

    @Test
    void directionDecidesWhatTheOpenedObjectIs() throws Exception {
        try (Connector pull = Fixtures.open(config(URL, "direction", "pull"), Fixtures.context())) {
            assertInstanceOf(HubPeerSource.class, pull);
            assertTrue(pull instanceof SourceConnector);
            assertFalse(pull instanceof SinkConnector);
        }
        try (Connector push = Fixtures.open(config(URL, "direction", "push"), Fixtures.context())) {
            assertInstanceOf(HubPeerSink.class, push);
            assertTrue(push instanceof SinkConnector);
            assertFalse(push instanceof SourceConnector);
        }
        try (Connector both = Fixtures.open(config(URL, "direction", "both"), Fixtures.context())) {
            assertInstanceOf(HubPeerSourceAndSink.class, both);
            assertTrue(both instanceof SourceConnector);
            assertTrue(both instanceof SinkConnector);
        }
    }

    @Test
    void openingAnInvalidConfigurationFailsForGood() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> Fixtures.open(config(URL, "batchSize", 0L), Fixtures.context()));
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        Connector c = Fixtures.open(config(URL), Fixtures.context());
        c.close();
        c.close();
    }

    @Test
    void neitherTheConnectorNorItsConfigurationShowsTheToken() throws Exception {
        ConnectorConfig config = config(URL);
        assertFalse(config.toString().contains(TOKEN));
        assertFalse(Settings.of(config).toString().contains(TOKEN));
        for (String direction : List.of("pull", "push", "both")) {
            try (Connector c = Fixtures.open(config(URL, "direction", direction), Fixtures.context())) {
                assertFalse(c.toString().contains(TOKEN), c.toString());
                assertTrue(c.toString().contains(URL), c.toString());
            }
        }
    }

    private void assertProblem(ConnectorConfig config, String field, String fragment) {
        List<ConfigProblem> problems = type.validate(config);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(field, problems.get(0).field());
        assertTrue(problems.get(0).message().contains(fragment), problems.get(0).message());
        assertFalse(problems.get(0).message().contains(TOKEN));
    }
}
