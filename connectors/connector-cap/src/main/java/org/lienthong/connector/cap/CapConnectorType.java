package org.lienthong.connector.cap;

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
 * Connector type {@code cap}: imports OASIS CAP 1.2 alerts as threats, from one alert, an Atom or RSS index of alerts,
 * or an EDXL-DE distribution carrying alerts.
 *
 * <p>
 * Configuration, in the order a form shows it:
 * <table>
 * <caption>cap configuration</caption>
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
 * <td>http, https (no user info) or file; the hub accepts a file URL only inside its drop directory</td>
 * </tr>
 * <tr>
 * <td>{@code owner}</td>
 * <td>string</td>
 * <td>required</td>
 * <td>the organisation code owning the imported threats ({@code vn.nchmf})</td>
 * </tr>
 * <tr>
 * <td>{@code classification}</td>
 * <td>public, internal, restricted, secret</td>
 * <td>{@code public}</td>
 * <td>given to every imported threat</td>
 * </tr>
 * <tr>
 * <td>{@code intervalSeconds}</td>
 * <td>integer</td>
 * <td>{@code 300}</td>
 * <td>10..86400: the wait between polls</td>
 * </tr>
 * </table>
 *
 * <p>
 * {@link #open} returns a {@link CapSource}; it makes no network call. Stateless and thread-safe, with the public
 * no-argument constructor {@link java.util.ServiceLoader} needs.
 */
public final class CapConnectorType implements ConnectorType {

    /** The type's name in the API and in configurations. */
    public static final String NAME = "cap";

    private static final List<ConfigField> FIELDS = List.of(
            ConfigField.required("url", Type.URL,
                    "A CAP 1.2 alert, an Atom or RSS index of CAP alerts, or an EDXL-DE document carrying CAP alerts:"
                            + " http, https, or a file URL inside the hub's drop directory"),
            ConfigField.required("owner", Type.STRING,
                    "Organisation code that owns the imported threats, such as vn.nchmf"),
            ConfigField.oneOf("classification", Settings.DEFAULT_CLASSIFICATION,
                    "Classification given to every imported threat", Settings.CLASSIFICATIONS.toArray(String[]::new)),
            ConfigField.optional("intervalSeconds", Type.INTEGER, String.valueOf(Settings.DEFAULT_INTERVAL),
                    Settings.MIN_INTERVAL + "-" + Settings.MAX_INTERVAL + ": seconds between two reads of the URL"));

    /** For {@link java.util.ServiceLoader}. */
    public CapConnectorType() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Imports OASIS CAP 1.2 alerts as threats, from an alert, an Atom or RSS index of alerts, or an EDXL-DE"
                + " document; updates and cancellations become new versions of the same threat.";
    }

    @Override
    public List<ConfigField> configuration() {
        return FIELDS;
    }

    /** Checks the rules in the table above; no I/O. */
    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return Settings.problems(config);
    }

    /**
     * Opens an instance; the HTTP client is created on the first poll that needs one and stopped by
     * {@link Connector#close()}.
     *
     * @throws ConnectorException
     *             (not transient) when the configuration breaks a rule of {@link #validate}
     */
    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        requireValid(config);
        return new CapSource(Settings.of(config), context);
    }
}
