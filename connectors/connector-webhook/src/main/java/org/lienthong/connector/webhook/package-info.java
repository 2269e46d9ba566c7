/**
 * The {@code webhook} connector: a sink that POSTs each change to an HTTP endpoint as a CloudEvents 1.0 JSON event,
 * signed per Standard Webhooks ({@code connectors/README.md}, section "Webhook connector", is the receivers' guide).
 *
 * <ul>
 * <li>{@link org.lienthong.connector.webhook.WebhookConnectorType}: the type the hub finds with
 * {@link java.util.ServiceLoader}; declares the configuration, validates it and opens instances.</li>
 * <li>{@code WebhookSettings}: the checked, typed configuration.</li>
 * <li>{@code CloudEvent}: a change as an event; the event id is the version's hash.</li>
 * <li>{@code WebhookSigner}: the Standard Webhooks {@code v1} signature.</li>
 * <li>{@code WebhookSink}: the HTTP side and how each answer becomes a delivery outcome.</li>
 * </ul>
 *
 * Everything it needs is in the JDK ({@link java.net.http.HttpClient}, {@link javax.crypto.Mac}) and {@code hub-api}.
 */
package org.lienthong.connector.webhook;
