package org.lienthong.connector.webhook;

import java.util.List;

import org.lienthong.hub.api.connector.ConfigField;
import org.lienthong.hub.api.connector.ConfigField.Type;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.ConnectorType;

/**
 * Connector type {@code webhook}: a sink that POSTs each change to one URL as a CloudEvents 1.0 JSON event, signed as
 * Standard Webhooks prescribes.
 *
 * <p>
 * Configuration, in the order a form shows it:
 * <table>
 * <caption>webhook configuration</caption>
 * <tr>
 * <th>field</th>
 * <th>type</th>
 * <th>default</th>
 * <th>rule</th>
 * </tr>
 * <tr>
 * <td>{@code url}</td>
 * <td>URL</td>
 * <td>required</td>
 * <td>http(s), a host, no user info or fragment (a query is kept)</td>
 * </tr>
 * <tr>
 * <td>{@code secret}</td>
 * <td>secret</td>
 * <td>required</td>
 * <td>{@code whsec_} followed by standard base64 of a 24- to 64-byte key</td>
 * </tr>
 * <tr>
 * <td>{@code kinds}</td>
 * <td>list</td>
 * <td>{@code threat,incident,resource}</td>
 * <td>one or more of those, each once</td>
 * </tr>
 * <tr>
 * <td>{@code timeoutSeconds}</td>
 * <td>integer</td>
 * <td>{@code 10}</td>
 * <td>1..60; the longest one POST may take</td>
 * </tr>
 * <tr>
 * <td>{@code includeExercise}</td>
 * <td>boolean</td>
 * <td>{@code false}</td>
 * <td>{@code true} to receive drills (versions marked {@code "exercise": true}) too</td>
 * </tr>
 * </table>
 *
 * <p>
 * {@link #open} returns a {@link WebhookSink}; it makes no network call, the first delivery finds out whether the
 * receiver is reachable. Stateless and thread-safe, with the public no-argument constructor
 * {@link java.util.ServiceLoader} needs; named in
 * {@code META-INF/services/org.lienthong.hub.api.connector.ConnectorType}.
 */
public final class WebhookConnectorType implements ConnectorType {

    /** The type's name in the API and in configurations. */
    public static final String NAME = "webhook";

    private static final List<ConfigField> FIELDS = List.of(
            ConfigField.required("url", Type.URL,
                    "Receiver endpoint the events are POSTed to, e.g. https://alerts.example.gov.vn/hooks/lienthong"),
            ConfigField.secret("secret",
                    "Standard Webhooks signing secret shared with the receiver: whsec_ followed by the base64 of a"
                            + " 24- to 64-byte key; never shown again"),
            ConfigField.optional("kinds", Type.STRING_LIST, WebhookSettings.DEFAULT_KINDS,
                    "Record kinds to send: threat, incident and/or resource (the default is written comma-separated)"),
            ConfigField.optional("timeoutSeconds", Type.INTEGER, String.valueOf(WebhookSettings.DEFAULT_TIMEOUT),
                    "1-60: how long one POST may take, connection and answer included"),
            ConfigField.optional("includeExercise", Type.BOOLEAN, "false",
                    "true to receive drills too (records marked exercise: true); by default the hub leaves them out"));

    /** For {@link java.util.ServiceLoader}. */
    public WebhookConnectorType() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Sends each change of threats, incidents and resources to an HTTP endpoint as a CloudEvents 1.0 JSON"
                + " event signed per Standard Webhooks.";
    }

    @Override
    public List<ConfigField> configuration() {
        return FIELDS;
    }

    /** Checks every rule in the table above; never calls the receiver. */
    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return WebhookSettings.problems(config);
    }

    /**
     * Opens an instance, which owns one {@link java.net.http.HttpClient}, stopped by {@link Connector#close()}.
     *
     * @throws ConnectorException
     *             (not transient) when the configuration breaks a rule of {@link #validate}
     */
    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        requireValid(config);
        return new WebhookSink(WebhookSettings.of(config), context);
    }
}
