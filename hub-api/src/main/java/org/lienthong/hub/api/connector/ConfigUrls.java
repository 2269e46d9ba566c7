package org.lienthong.hub.api.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks that every connector's URL setting shares, as {@link ConfigProblem}s: a connector's
 * {@link ConnectorType#validate} parses the URL here, then adds what is particular to it (which schemes, a query or
 * not).
 */
public final class ConfigUrls {

    private ConfigUrls() {
    }

    /**
     * The URL in {@code text}, or empty after adding a problem for {@code field}: {@code required} (the message, e.g.
     * "is required: the peer hub's base URL") when it is missing, "is not a valid URL" when it does not parse.
     */
    public static Optional<URI> parse(String field, String text, String required, List<ConfigProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new ConfigProblem(field, required));
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.strip()));
        } catch (URISyntaxException e) {
            problems.add(new ConfigProblem(field, "is not a valid URL: " + e.getReason()));
            return Optional.empty();
        }
    }

    /** The URL's scheme in lower case, {@code ""} when it has none. */
    public static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    /** Whether the URL is {@code http} or {@code https}. */
    public static boolean isHttp(URI uri) {
        String scheme = scheme(uri);
        return scheme.equals("http") || scheme.equals("https");
    }

    /**
     * What an http(s) URL of a connector must not lack or carry: a host; a user name or password (secrets go in secret
     * fields, never in a URL, which is shown and logged; {@code credentialHint} may say where, e.g. ": the peer's
     * credential goes in 'token'"); a fragment.
     */
    public static void checkHttp(String field, URI uri, String credentialHint, List<ConfigProblem> problems) {
        if (uri.getHost() == null) {
            problems.add(new ConfigProblem(field, "must name a host"));
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(new ConfigProblem(field, "must not contain a user name or password" + credentialHint));
        }
        if (uri.getRawFragment() != null) {
            problems.add(new ConfigProblem(field, "must not have a fragment (#...)"));
        }
    }
}
