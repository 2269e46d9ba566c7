package org.lienthong.connector.csv;

import java.nio.file.Path;
import java.util.List;

import org.lienthong.hub.api.connector.ConfigField;
import org.lienthong.hub.api.connector.ConfigField.Type;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.connector.ConnectorContext;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.api.schema.Vocabulary;

/**
 * Connector type {@code csv}: a source that imports records of one kind from CSV files, for scheduled file drops (a
 * directory that another system or an operator copies exports into) and files published at an http(s) URL.
 *
 * <p>
 * Configuration, in the order a form shows it:
 * <table>
 * <caption>csv configuration</caption>
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
 * <td>http(s) URL of a file, or file URL of a file or a directory (every {@code *.csv} in it, oldest first)</td>
 * </tr>
 * <tr>
 * <td>{@code kind}</td>
 * <td>threat, incident, resource</td>
 * <td>required</td>
 * <td>what every row is</td>
 * </tr>
 * <tr>
 * <td>{@code owner}</td>
 * <td>string</td>
 * <td>none</td>
 * <td>organisation code used when a row has no {@code owner}</td>
 * </tr>
 * <tr>
 * <td>{@code classification}</td>
 * <td>public, internal, restricted, secret</td>
 * <td>none (the hub's default)</td>
 * <td>used when a row has no {@code classification}</td>
 * </tr>
 * <tr>
 * <td>{@code sourceSystem}</td>
 * <td>string</td>
 * <td>none</td>
 * <td>{@code sourceRef.system} when a row gives only {@code sourceRef.id}</td>
 * </tr>
 * <tr>
 * <td>{@code headerMapping}</td>
 * <td>list</td>
 * <td>empty</td>
 * <td>{@code Sheet header=canonical.path} items; an empty path ignores the column</td>
 * </tr>
 * <tr>
 * <td>{@code intervalSeconds}</td>
 * <td>integer</td>
 * <td>{@code 300}</td>
 * <td>1..86400: the wait between looks once everything is imported</td>
 * </tr>
 * </table>
 *
 * <p>
 * Opening reads nothing: the first poll finds out whether the file or directory is there.
 */
public final class CsvConnectorType implements ConnectorType {

    /** The type's name in the API and in configurations. */
    public static final String NAME = "csv";

    private static final List<ConfigField> FIELDS = List.of(
            ConfigField.required("url", Type.URL,
                    "Where the CSV files are: an http(s) URL of one file, or a file URL of one file or of a directory"
                            + " (every *.csv in it is read, oldest first), e.g. file:///var/lib/lienthong/drop/kho/"),
            ConfigField.oneOf("kind", null, "What every row is: " + Vocabulary.alternatives(RecordKind.class),
                    Settings.KINDS.toArray(String[]::new)),
            ConfigField.optional("owner", Type.STRING, null,
                    "Organisation code that owns a row without an owner column value, e.g. vn.hn"),
            new ConfigField("classification", Type.ENUM, false, null, false,
                    "Classification of a row without one (when left out, the hub's default: internal)",
                    Settings.CLASSIFICATIONS),
            ConfigField.optional("sourceSystem", Type.STRING, null,
                    "sourceRef.system for rows that give only sourceRef.id, e.g. kho-dtqg"),
            ConfigField.optional("headerMapping", Type.STRING_LIST, null,
                    "The sheet's own column names: items 'Sheet header=canonical.path', e.g. 'Tiêu đề=title',"
                            + " 'Mã địa bàn=location.adminCodes'; 'STT=' ignores a column"),
            ConfigField.optional("intervalSeconds", Type.INTEGER, String.valueOf(Settings.DEFAULT_INTERVAL),
                    "1-86400: seconds between looks at the URL once everything there is imported"));

    /** For {@link java.util.ServiceLoader}. */
    public CsvConnectorType() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Imports threats, incidents or resources from CSV files dropped in a directory or published at a URL,"
                + " one record per row (upserted by sourceRef).";
    }

    @Override
    public List<ConfigField> configuration() {
        return FIELDS;
    }

    /** Checks every rule in the table above; never touches the file system or the network. */
    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return Settings.problems(config);
    }

    /**
     * Opens a source.
     *
     * @throws ConnectorException
     *             (not transient) when the configuration breaks a rule of {@link #validate}
     */
    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        requireValid(config);
        Settings settings = Settings.of(config);
        Drop drop = settings.isFile() ? new FileDrop(Path.of(settings.url()), context.clock())
                : new HttpDrop(settings.url(), settings.displayUrl());
        return new CsvSource(settings, context, drop);
    }
}
