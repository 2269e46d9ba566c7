/**
 * The {@code hub-peer} connector: hub-to-hub sync over the peer hub's public HTTP API, and the worked example of the
 * connector SPI ({@code connectors/README.md} walks through it).
 *
 * <ul>
 * <li>{@link org.lienthong.connector.hubpeer.HubPeerConnectorType}: the type the hub finds with
 * {@link java.util.ServiceLoader}; declares the configuration, validates it and opens instances.</li>
 * <li>{@link org.lienthong.connector.hubpeer.HubPeerSource}: pull, from the peer's {@code GET /api/v1/changes}.</li>
 * <li>{@link org.lienthong.connector.hubpeer.HubPeerSink}: push, to the peer's {@code POST /api/v1/replicas}.</li>
 * <li>{@link org.lienthong.connector.hubpeer.HubPeerSourceAndSink}: both.</li>
 * </ul>
 *
 * Everything it needs is in the JDK ({@link java.net.http.HttpClient}) and {@code hub-api}
 * ({@link org.lienthong.hub.api.json.Json}).
 */
package org.lienthong.connector.hubpeer;
