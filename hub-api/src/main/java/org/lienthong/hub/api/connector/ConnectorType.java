package org.lienthong.hub.api.connector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A kind of connector, such as {@code hub-peer} or {@code cap}. Implementations must have a public no-argument
 * constructor (for {@link java.util.ServiceLoader}), be thread-safe and hold no per-instance state: per-instance state
 * belongs in the {@link Connector} that {@link #open} returns.
 */
public interface ConnectorType {

    /** Stable name used in the API and configuration: lower-case, digits and '-'. */
    String name();

    /** One sentence for operators. */
    String description();

    /** The configuration fields, in the order a form should show them. */
    List<ConfigField> configuration();

    /**
     * Checks a configuration whose fields already have the declared types and whose required fields are present. No
     * side effects and no network calls: the hub calls this for {@code POST /api/v1/connectors/validate}.
     *
     * @return the problems found; empty when the configuration is usable
     */
    List<ConfigProblem> validate(ConnectorConfig config);

    /**
     * Runs {@link #validate} and throws a non-transient {@link ConnectorException} naming every problem ("invalid
     * &lt;name&gt; configuration: url must name a host; ...") when there is one: the first line of an {@link #open}.
     */
    default void requireValid(ConnectorConfig config) throws ConnectorException {
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            throw new ConnectorException("invalid " + name() + " configuration: "
                    + problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")),
                    false);
        }
    }

    /**
     * Starts an instance with a validated configuration.
     *
     * @return a {@link SourceConnector}, a {@link SinkConnector}, or an object that is both
     *
     * @throws ConnectorException
     *             when the instance cannot start (transient or not)
     */
    Connector open(ConnectorConfig config, ConnectorContext context) throws ConnectorException;
}
