package org.lienthong.hub.alert;

import java.net.URI;
import java.util.Optional;

/**
 * The public URLs of the feed and of its alerts, below one base URL (without a trailing slash).
 *
 * @param base
 *            e.g. {@code https://canhbao.example.gov.vn} or {@code https://example.gov.vn/lienthong}
 */
record PublicLinks(String base) {

    /** The feed's path below the base. */
    static final String FEED_PATH = "/api/v1/alerts/cap.atom";
    /** One alert's path below the base is this followed by the threat's id. */
    static final String ALERT_PATH = "/api/v1/alerts/";

    /**
     * The configured public base ({@code hub.alerts.web-base}) when there is one, else the base URL the request reached
     * the hub at.
     */
    static PublicLinks of(Optional<URI> webBase, URI requestBase) {
        String base = webBase.orElse(requestBase).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new PublicLinks(base);
    }

    String feed() {
        return base + FEED_PATH;
    }

    String alert(Object threatId) {
        return base + ALERT_PATH + threatId;
    }
}
