package org.lienthong.connector.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lienthong.connector.webhook.Fixtures.SECRET;
import static org.lienthong.connector.webhook.Fixtures.SECRET_KEY_TEXT;
import static org.lienthong.connector.webhook.Fixtures.config;

import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lienthong.connector.webhook.Fixtures.MovableClock;
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
class WebhookConnectorTypeTest {

    private static final String URL = "https://alerts.example.gov.vn/hooks/lienthong";
    private final WebhookConnectorType type = new WebhookConnectorType();

    private static Secret whsec(int bytes) {
        return new Secret("whsec_" + Base64.getEncoder().encodeToString(new byte[bytes]));
    }

    @Test
    void isFoundByServiceLoader() {
        List<ConnectorType> types = ServiceLoader.load(ConnectorType.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        assertEquals(1, types.size());
        assertInstanceOf(WebhookConnectorType.class, types.get(0));
        assertEquals("webhook", types.get(0).name());
        assertFalse(types.get(0).description().isBlank());
    }

    @Test
    void declaresItsFieldsInFormOrder() {
        List<ConfigField> fields = type.configuration();
        assertEquals(List.of("url", "secret", "kinds", "timeoutSeconds", "includeExercise"),
                fields.stream().map(ConfigField::name).toList());

        assertEquals(Type.URL, fields.get(0).type());
        assertTrue(fields.get(0).required());
        assertFalse(fields.get(0).secret());

        assertTrue(fields.get(1).secret());
        assertTrue(fields.get(1).required());
        assertNull(fields.get(1).defaultValue());

        assertEquals(Type.STRING_LIST, fields.get(2).type());
        assertEquals("threat,incident,resource", fields.get(2).defaultValue());
        assertFalse(fields.get(2).required());

        assertEquals(Type.INTEGER, fields.get(3).type());
        assertEquals("10", fields.get(3).defaultValue());

        assertEquals(Type.BOOLEAN, fields.get(4).type());
        assertEquals("false", fields.get(4).defaultValue());
        assertFalse(fields.get(4).required());
        fields.forEach(f -> assertFalse(f.description().isBlank(), f.name()));
    }

    @Test
    void aCompleteConfigurationIsValid() {
        assertEquals(List.of(), type.validate(config(URL)));
        assertEquals(List.of(), type.validate(config("http://10.0.0.7:8080/hook?channel=alerts")));
        assertEquals(List.of(), type.validate(config(URL, "kinds", List.of("incident"), "timeoutSeconds", 1L)));
        assertEquals(List.of(), type.validate(
                config(URL, "kinds", List.of("resource", "threat"), "timeoutSeconds", 60L, "secret", whsec(24))));
        assertEquals(List.of(), type.validate(config(URL, "secret", whsec(64))));
        assertEquals(List.of(), type.validate(config(URL, "secret", new Secret(SECRET + "\n"))));
        // base64 without its padding is still base64
        assertEquals(List.of(), type.validate(config(URL, "secret", new Secret(SECRET.replace("=", "")))));
    }

    /** Drills reach a receiver only when its operator opts in: the hub asks the opened sink. */
    @Test
    void exercisesAreLeftOutUnlessTheInstanceOptsIn() throws Exception {
        try (SinkConnector sink = Fixtures.open(config(URL), Fixtures.context(new MovableClock()))) {
            assertFalse(sink.includeExercises());
        }
        try (SinkConnector sink = Fixtures.open(config(URL, "includeExercise", null),
                Fixtures.context(new MovableClock()))) {
            assertFalse(sink.includeExercises(), "absent: the default, false");
        }
        try (SinkConnector sink = Fixtures.open(config(URL, "includeExercise", true),
                Fixtures.context(new MovableClock()))) {
            assertTrue(sink.includeExercises());
            assertTrue(sink.toString().contains("includeExercise=true"), sink.toString());
        }
    }

    @Test
    void anAbsentTimeoutTakesItsDefault() {
        assertEquals(List.of(), type.validate(config(URL, "timeoutSeconds", null)));
    }

    @Test
    void urlRules() {
        assertProblem(config(null), "url", "is required");
        assertProblem(config(" "), "url", "is required");
        assertProblem(config("alerts.example.gov.vn/hook"), "url", "http or https");
        assertProblem(config("ftp://alerts.example.gov.vn/hook"), "url", "http or https");
        assertProblem(config("file:///etc/passwd"), "url", "http or https");
        assertProblem(config("https://ops:pw@alerts.example.gov.vn/hook"), "url", "user name or password");
        assertProblem(config("https://alerts.example.gov.vn/hook#x"), "url", "fragment");
        assertProblem(config("https:///hook"), "url", "must name a host");
        assertProblem(config("https://alerts example"), "url", "is not a valid URL");
    }

    @Test
    void theSecretIsRequired() {
        assertProblem(config(URL, "secret", null), "secret", "is required");
        assertProblem(config(URL, "secret", new Secret("  ")), "secret", "is required");
    }

    @ParameterizedTest
    @ValueSource(strings = { "hIipVJbQe1Xhz4kg1xfww2w4dFE+0R3lmHmRIVW8r6c=",
            "WHSEC_hIipVJbQe1Xhz4kg1xfww2w4dFE+0R3lmHmRIVW8r6c=", "whsec-hIipVJbQe1Xhz4kg1xfww2w4dFE+0R3lmHmRIVW8r6c=",
            "sk_live_hIipVJbQe1Xhz4kg1xfww2w4dFE", " whsec hIipVJbQe1Xhz4kg1xfww2w4dFE+0R3lmHmRIVW8r6c=" })
    void theSecretMustStartWithWhsec(String secret) {
        assertProblem(config(URL, "secret", new Secret(secret)), "secret", "must start with 'whsec_'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "whsec_hIipVJbQe1Xhz4kg1xfww2w4dFE*0R3lmHmRIVW8r6c=",
            "whsec_hIipVJbQe1Xhz4kg1xfww2w4dFE-0R3lmHmRIVW8r6c_", "whsec_hIipVJbQe1Xhz4kg 1xfww2w4dFE+0R3lmHmRIVW8r6c=",
            "whsec_hIipVJbQe1Xhz4kg1xfww2w4dFE+0R3lmHmRIVW8r6c==", "whsec_mật-khẩu-không-phải-base64" })
    void theRestMustBeBase64(String secret) {
        assertProblem(config(URL, "secret", new Secret(secret)), "secret", "standard base64");
    }

    @Test
    void theKeyIsTwentyFourToSixtyFourBytes() {
        assertProblem(config(URL, "secret", new Secret("whsec_")), "secret", "24 to 64 bytes after 'whsec_', not 0");
        assertProblem(config(URL, "secret", whsec(23)), "secret", "24 to 64 bytes after 'whsec_', not 23");
        assertProblem(config(URL, "secret", whsec(65)), "secret", "24 to 64 bytes after 'whsec_', not 65");
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
    void timeoutIsOneToSixtySeconds() {
        assertProblem(config(URL, "timeoutSeconds", 0L), "timeoutSeconds", "from 1 to 60");
        assertProblem(config(URL, "timeoutSeconds", 61L), "timeoutSeconds", "from 1 to 60");
        assertProblem(config(URL, "timeoutSeconds", -1L), "timeoutSeconds", "from 1 to 60");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<ConfigProblem> problems = type
                .validate(config("ftp://x", "secret", new Secret("nope"), "kinds", List.of("x"), "timeoutSeconds", 0L));
        assertEquals(List.of("url", "secret", "kinds", "timeoutSeconds"),
                problems.stream().map(ConfigProblem::field).toList());
    }

    @Test
    void problemsNeverQuoteTheSecret() {
        for (String bad : List.of(SECRET_KEY_TEXT, "whsec_" + SECRET_KEY_TEXT + "*",
                "whsec_" + SECRET_KEY_TEXT + "AAAA")) {
            List<ConfigProblem> problems = type.validate(config(URL, "secret", new Secret(bad)));
            assertEquals(1, problems.size(), problems.toString());
            assertFalse(problems.get(0).message().contains(SECRET_KEY_TEXT.substring(0, 12)),
                    problems.get(0).message());
        }
    }

    @Test
    void opensASinkAndNothingElse() throws Exception {
        try (Connector c = type.open(config(URL), Fixtures.context(new MovableClock()))) {
            assertInstanceOf(WebhookSink.class, c);
            assertTrue(c instanceof SinkConnector);
            assertFalse(c instanceof SourceConnector);
        }
    }

    @Test
    void openingAnInvalidConfigurationFailsForGoodWithoutQuotingTheSecret() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> type
                .open(config(URL, "secret", new Secret(SECRET_KEY_TEXT)), Fixtures.context(new MovableClock())));
        assertFalse(e.transientFailure());
        assertTrue(e.getMessage().startsWith("invalid webhook configuration: secret must start with 'whsec_'"),
                e.getMessage());
        assertFalse(e.getMessage().contains(SECRET_KEY_TEXT));
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        Connector c = type.open(config(URL), Fixtures.context(new MovableClock()));
        c.close();
        c.close();
    }

    @Test
    void neitherTheConnectorNorItsConfigurationShowsTheSecret() throws Exception {
        ConnectorConfig config = config(URL + "?channel=alerts");
        assertFalse(config.toString().contains(SECRET_KEY_TEXT), config.toString());
        WebhookSettings settings = WebhookSettings.of(config);
        assertFalse(settings.toString().contains(SECRET_KEY_TEXT), settings.toString());
        try (Connector c = type.open(config, Fixtures.context(new MovableClock()))) {
            assertFalse(c.toString().contains(SECRET_KEY_TEXT), c.toString());
            assertTrue(c.toString().contains(URL), c.toString());
            assertFalse(c.toString().contains("channel=alerts"), "the query is not shown: " + c);
        }
    }

    private void assertProblem(ConnectorConfig config, String field, String fragment) {
        List<ConfigProblem> problems = type.validate(config);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(field, problems.get(0).field());
        assertTrue(problems.get(0).message().contains(fragment), problems.get(0).message());
        assertFalse(problems.get(0).message().contains(SECRET_KEY_TEXT));
    }
}
