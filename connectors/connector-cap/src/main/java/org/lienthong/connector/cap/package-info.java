/**
 * The {@code cap} connector: OASIS CAP 1.2 alerts in, as threats; and the CAP 1.2 writer the hub uses for
 * {@code Accept: application/cap+xml}.
 *
 * <ul>
 * <li>{@link org.lienthong.connector.cap.CapConnectorType}: the type the hub finds with
 * {@link java.util.ServiceLoader}: configuration, validation, {@code open}.</li>
 * <li>{@link org.lienthong.connector.cap.CapSource}: polls a URL (an alert, an Atom or RSS index, an EDXL-DE document),
 * follows index links, remembers what it imported and the {@code references} chains.</li>
 * <li>{@link org.lienthong.connector.cap.CapParser}: the hardened XML parser (no DOCTYPE, no entities, no external
 * access) and the reading of alerts into {@link org.lienthong.connector.cap.CapAlert}.</li>
 * <li>{@link org.lienthong.connector.cap.CapMapper}: the documented, pure mapping of one alert to one threat.</li>
 * <li>{@link org.lienthong.connector.cap.CapWriter}: a threat as a CAP 1.2 alert message.</li>
 * </ul>
 *
 * Everything it needs is in the JDK ({@code javax.xml}, {@link java.net.http.HttpClient}) and {@code hub-api}
 * ({@link org.lienthong.hub.api.json.Json}). {@code connectors/README.md} ("CAP connector") has the rules and the known
 * imperfections.
 */
package org.lienthong.connector.cap;
