/**
 * A small, strict JSON reader and writer for connectors, so that a connector module can read and write the hub's JSON
 * without a JSON library. JDK-only, like the rest of {@code hub-api}.
 *
 * <p>
 * {@link org.lienthong.hub.api.json.Json#parse} turns RFC 8259 text into plain Java values ({@code Map}, {@code List},
 * {@code String}, {@code BigDecimal}, {@code Boolean}, {@code null}); {@link org.lienthong.hub.api.json.Json#write}
 * turns such values back into compact JSON. Numbers keep their exact value, so a record read and written again carries
 * the same content (and the same version hash).
 */
package org.lienthong.hub.api.json;
