package org.lienthong.connector.hubpeer;

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
 * Connector type {@code hub-peer}: keeps this hub and a peer hub in sync through the peer's public API, with a token
 * the peer issued to this hub (role {@code connector}).
 *
 * <p>
 * Configuration, in the order a form shows it:
 * <table>
 * <caption>hub-peer configuration</caption>
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
 * <td>http(s), a host, no user info, query or fragment; a trailing slash is ignored</td>
 * </tr>
 * <tr>
 * <td>{@code token}</td>
 * <td>secret</td>
 * <td>required</td>
 * <td>printable ASCII, no spaces</td>
 * </tr>
 * <tr>
 * <td>{@code direction}</td>
 * <td>pull, push, both</td>
 * <td>{@code both}</td>
 * <td></td>
 * </tr>
 * <tr>
 * <td>{@code kinds}</td>
 * <td>list</td>
 * <td>{@code threat,incident,resource}</td>
 * <td>one or more of those, each once</td>
 * </tr>
 * <tr>
 * <td>{@code intervalSeconds}</td>
 * <td>integer</td>
 * <td>{@code 5}</td>
 * <td>1..3600; the longest a pull waits on the peer for a change (capped at 25)</td>
 * </tr>
 * <tr>
 * <td>{@code batchSize}</td>
 * <td>integer</td>
 * <td>{@code 500}</td>
 * <td>1..1000; changes per request, both ways</td>
 * </tr>
 * </table>
 *
 * <p>
 * {@link #open} returns a {@link HubPeerSource} for {@code pull}, a {@link HubPeerSink} for {@code push} and a
 * {@link HubPeerSourceAndSink} for {@code both}; the hub looks at which interfaces the object implements to decide
 * whether to poll it, deliver to it, or both. Opening makes no network call: the first poll or delivery finds out
 * whether the peer is reachable and accepts the token.
 *
 * <p>
 * Like every {@link ConnectorType}, this class is stateless and thread-safe, and has the public no-argument constructor
 * {@link java.util.ServiceLoader} needs; it is named in
 * {@code META-INF/services/org.lienthong.hub.api.connector.ConnectorType}.
 */
public final class HubPeerConnectorType implements ConnectorType {

    /** The type's name in the API and in configurations. */
    public static final String NAME = "hub-peer";

    private static final List<ConfigField> FIELDS = List.of(
            ConfigField.required("url", Type.URL,
                    "Base URL of the peer hub, e.g. https://central.example.gov.vn (no query or fragment)"),
            ConfigField.secret("token",
                    "Bearer token that the peer hub issued to this hub, with role 'connector'; never shown again"),
            ConfigField.oneOf("direction", "both",
                    "pull: read the peer's changes into this hub; push: send this hub's changes to the peer; both",
                    "pull", "push", "both"),
            ConfigField.optional("kinds", Type.STRING_LIST, Settings.DEFAULT_KINDS,
                    "Record kinds to sync, both ways: threat, incident and/or resource (the default is written"
                            + " comma-separated)"),
            ConfigField.optional("intervalSeconds", Type.INTEGER, String.valueOf(Settings.DEFAULT_INTERVAL),
                    "1-3600: how long a pull may wait on the peer for a new change (at most 25 s per request)"),
            ConfigField.optional("batchSize", Type.INTEGER, String.valueOf(Settings.DEFAULT_BATCH),
                    "1-1000: changes per request, pulled or pushed"));

    /** For {@link java.util.ServiceLoader}. */
    public HubPeerConnectorType() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Syncs threats, incidents and resources with another Lienthong hub over its public API"
                + " (pull its change feed, push this hub's changes, or both).";
    }

    @Override
    public List<ConfigField> configuration() {
        return FIELDS;
    }

    /** Checks every rule in the table above; never calls the peer. */
    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return Settings.problems(config);
    }

    /**
     * Opens an instance. The returned object owns one {@link java.net.http.HttpClient}, stopped by
     * {@link Connector#close()}.
     *
     * @throws ConnectorException
     *             (not transient) when the configuration breaks a rule of {@link #validate}
     */
    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        requireValid(config);
        Settings settings = Settings.of(config);
        PeerHttp http = new PeerHttp(settings.url(), settings.token());
        return switch (settings.direction()) {
        case PULL -> new HubPeerSource(settings, context, http);
        case PUSH -> new HubPeerSink(settings, context, http);
        case BOTH -> new HubPeerSourceAndSink(new HubPeerSource(settings, context, http),
                new HubPeerSink(settings, context, http), http);
        };
    }
}
