package org.lienthong.hub.api.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.lienthong.hub.api.schema.RecordKind;

/**
 * Checks that connectors' settings share, as {@link ConfigProblem}s, for {@link ConnectorType#validate}: a URL (parsed
 * here; each connector then adds what is particular to it: which schemes, a query or not) and a list of record kinds.
 */
public final class ConfigChecks {

    private ConfigChecks() {
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

    /**
     * A list of record kinds ({@code threat}, {@code incident}, {@code resource}): at least one, each known, none twice
     * (surrounding spaces ignored).
     */
    public static void kinds(String field, List<String> kinds, List<ConfigProblem> problems) {
        if (kinds.isEmpty()) {
            problems.add(new ConfigProblem(field, "must name at least one of threat, incident, resource"));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String kind : kinds) {
            String k = kind == null ? "" : kind.strip();
            if (!isKind(k)) {
                problems.add(new ConfigProblem(field,
                        "'" + k + "' is not a record kind: use threat, incident and/or resource"));
            } else if (!seen.add(k)) {
                problems.add(new ConfigProblem(field, "names '" + k + "' more than once"));
            }
        }
    }

    private static boolean isKind(String name) {
        for (RecordKind kind : RecordKind.values()) {
            if (kind.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
