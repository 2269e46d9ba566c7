package org.lienthong.connector.webhook;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.lienthong.hub.api.connector.ConfigChecks;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.Secret;

/**
 * A {@code webhook} configuration, checked and typed: what {@link WebhookConnectorType#validate} checks and what
 * {@link WebhookSink} uses. {@link #toString()} shows no secret ({@link Secret} masks itself).
 *
 * @param url
 *            where events are POSTed, exactly as configured (query included)
 * @param secret
 *            the signing secret, {@code whsec_<base64>}, stripped of surrounding whitespace
 * @param kinds
 *            the record kinds to send, in the configured order
 * @param timeoutSeconds
 *            how long one POST may take, connection and answer included
 * @param includeExercise
 *            whether drills (versions marked {@code "exercise": true}) are sent too; by default the hub passes them
 *            over
 */
record WebhookSettings(URI url, Secret secret, List<String> kinds, int timeoutSeconds, boolean includeExercise) {

    static final String DEFAULT_KINDS = "threat,incident,resource";
    static final int DEFAULT_TIMEOUT = 10;
    static final int MAX_TIMEOUT = 60;

    /**
     * Reads a configuration that {@link #problems} found nothing wrong with. Absent optional values take their defaults
     * (the hub normally applies them before).
     */
    static WebhookSettings of(ConnectorConfig config) {
        URI url = URI.create(config.string("url").orElseThrow().strip());
        // a secret pasted from a file often ends with a line break
        Secret secret = new Secret(config.secret("secret").orElseThrow().reveal().strip());
        List<String> kinds = config.list("kinds").stream().map(String::strip).toList();
        int timeout = config.integer("timeoutSeconds").orElse((long) DEFAULT_TIMEOUT).intValue();
        boolean exercise = config.bool("includeExercise").orElse(false);
        return new WebhookSettings(url, secret, kinds, timeout, exercise);
    }

    /** Every rule a configuration breaks, without any network call. Never quotes the secret. */
    static List<ConfigProblem> problems(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        urlProblem(config.string("url").orElse(null), problems);

        Secret secret = config.secret("secret").orElse(null);
        String secretProblem = secret == null ? "is required" : WebhookSigner.problem(secret.reveal().strip());
        if (secretProblem != null) {
            problems.add(new ConfigProblem("secret", secretProblem));
        }

        ConfigChecks.kinds("kinds", config.list("kinds"), problems);

        long timeout = config.integer("timeoutSeconds").orElse((long) DEFAULT_TIMEOUT);
        if (timeout < 1 || timeout > MAX_TIMEOUT) {
            problems.add(new ConfigProblem("timeoutSeconds", "must be from 1 to " + MAX_TIMEOUT + " seconds"));
        }
        return problems;
    }

    private static void urlProblem(String text, List<ConfigProblem> problems) {
        URI uri = ConfigChecks.parse("url", text,
                "is required: the receiver's endpoint, such as https://alerts.example.gov.vn/hooks/lienthong", problems)
                .orElse(null);
        if (uri == null) {
            return;
        }
        if (!ConfigChecks.isHttp(uri)) {
            problems.add(new ConfigProblem("url", "must be an absolute http or https URL"));
            return;
        }
        ConfigChecks.checkHttp("url", uri, ": events are authenticated by their signature", problems);
    }
}
