/**
 * The connector SPI: how the hub talks to systems that cannot call its API. JDK-only; a connector module depends on
 * {@code hub-api} and nothing else of the hub.
 *
 * <h2>Life cycle</h2>
 * <ol>
 * <li>The hub finds {@link org.lienthong.hub.api.connector.ConnectorType}s with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/org.lienthong.hub.api.connector.ConnectorType} file in the connector's jar).</li>
 * <li>An operator proposes a configuration; the hub checks it against
 * {@link org.lienthong.hub.api.connector.ConnectorType#configuration()} (types, required fields, defaults) and then
 * calls {@link org.lienthong.hub.api.connector.ConnectorType#validate}. Validation has no side effects.</li>
 * <li>For a running instance the hub calls {@link org.lienthong.hub.api.connector.ConnectorType#open} once, then
 * repeatedly {@link org.lienthong.hub.api.connector.SourceConnector#poll} and/or
 * {@link org.lienthong.hub.api.connector.SinkConnector#deliver}, then {@link java.lang.AutoCloseable#close()} when the
 * instance is paused, reconfigured, deleted or the hub stops. After a failure it opens a new connector.</li>
 * </ol>
 *
 * <h2>Threads and time</h2> The hub calls a connector on threads of its own that may block. It never makes two
 * {@code poll} calls, or two {@code deliver} calls, on one connector at the same time; but an object that is both a
 * source and a sink may be polled on one thread while it delivers on another, so such an object must keep the two
 * directions' state apart (or synchronise it). Each call gets a time limit; return within it. The hub never interrupts
 * {@code deliver}: one that overruns holds up the instance, its pause and the hub's shutdown. It interrupts a
 * {@code poll} when the instance stops (pause, reconfiguration, deletion, shutdown), because nothing of a poll has been
 * written yet: the hub drops it and the next runner polls again from the same checkpoint. So a {@code poll} that waits
 * (a long-poll, say) should end when its thread is interrupted, as blocking JDK calls such as {@code HttpClient.send}
 * do; any exception it then throws is not counted as a failure.
 *
 * <h2>Failures</h2> Throw {@link org.lienthong.hub.api.connector.ConnectorException} with
 * {@code transientFailure = true} for conditions that may pass (network, peer down, rate limit): the hub retries with
 * exponential backoff and jitter. Throw it with {@code false} for conditions that will not pass by retrying (bad
 * credentials, wrong URL): the instance goes to state {@code failed} and is restarted with capped backoff. Any other
 * exception counts as transient. Problems with single items are not exceptions: a sink reports them per item, a source
 * may skip an item and the hub puts what the hub itself rejects into the dead-letter queue.
 *
 * <h2>Secrets</h2> Fields marked {@link org.lienthong.hub.api.connector.ConfigField#secret()} reach the connector as
 * {@link org.lienthong.hub.api.connector.Secret}, whose {@code toString()} never shows the value. The hub never returns
 * or logs them; a connector must not either.
 *
 * <p>
 * {@code connectors/README.md} is the integrators' guide, with the {@code hub-peer} connector as a worked example.
 */
package org.lienthong.hub.api.connector;
