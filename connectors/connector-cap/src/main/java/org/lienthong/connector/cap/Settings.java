package org.lienthong.connector.cap;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.lienthong.hub.api.connector.ConfigChecks;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Vocabulary;

/**
 * A {@code cap} configuration, checked and typed.
 *
 * @param url
 *            the alert, feed or EDXL-DE document to read: http, https or file
 * @param owner
 *            the organisation code the threats are owned by
 * @param classification
 *            the threats' classification
 * @param intervalSeconds
 *            the wait between polls
 */
record Settings(URI url, String owner, String classification, int intervalSeconds) {

    static final List<String> CLASSIFICATIONS = Vocabulary.wireValues(Classification.class);
    static final String DEFAULT_CLASSIFICATION = Classification.public_.toString();
    static final int DEFAULT_INTERVAL = 300;
    static final int MIN_INTERVAL = 10;
    static final int MAX_INTERVAL = 86_400;

    /** The hub's organisation codes (OrganizationCodes in hub-core): lower-case, dotted. */
    private static final Pattern ORG_CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");

    /** Reads a configuration that {@link #problems} found nothing wrong with. */
    static Settings of(ConnectorConfig config) {
        return new Settings(URI.create(config.string("url").orElseThrow().strip()),
                config.string("owner").orElseThrow().strip(),
                config.string("classification").orElse(DEFAULT_CLASSIFICATION).strip(),
                config.integer("intervalSeconds").orElse((long) DEFAULT_INTERVAL).intValue());
    }

    /** Every rule a configuration breaks; no I/O. */
    static List<ConfigProblem> problems(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        urlProblem(config.string("url").orElse(null), problems);

        String owner = config.string("owner").orElse("").strip();
        if (owner.isEmpty()) {
            problems.add(new ConfigProblem("owner",
                    "is required: the organisation code that owns the imported threats, such as vn.nchmf"));
        } else if (owner.length() > 128 || !ORG_CODE.matcher(owner).matches()) {
            problems.add(new ConfigProblem("owner",
                    "must be an organisation code: lower-case letters and digits, dotted, such as vn or vn.hn"));
        }

        String classification = config.string("classification").orElse(DEFAULT_CLASSIFICATION).strip();
        if (!CLASSIFICATIONS.contains(classification)) {
            problems.add(
                    new ConfigProblem("classification", "must be " + Vocabulary.alternatives(Classification.class)));
        }

        long interval = config.integer("intervalSeconds").orElse((long) DEFAULT_INTERVAL);
        if (interval < MIN_INTERVAL || interval > MAX_INTERVAL) {
            problems.add(new ConfigProblem("intervalSeconds",
                    "must be from " + MIN_INTERVAL + " to " + MAX_INTERVAL + " seconds"));
        }
        return problems;
    }

    private static void urlProblem(String text, List<ConfigProblem> problems) {
        URI uri = ConfigChecks.parse("url", text,
                "is required: the URL of a CAP alert, an Atom or RSS index of alerts, or an EDXL-DE document", problems)
                .orElse(null);
        if (uri == null) {
            return;
        }
        switch (ConfigChecks.scheme(uri)) {
        case "http", "https" -> ConfigChecks.checkHttp("url", uri, "", problems);
        case "file" -> {
            if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/") || uri.getRawQuery() != null
                    || (uri.getRawAuthority() != null && !uri.getRawAuthority().equalsIgnoreCase("localhost"))) {
                problems.add(new ConfigProblem("url", "a file URL must be absolute and local, such as"
                        + " file:///var/lib/lienthong/drop/alerts.xml (inside the hub's drop directory)"));
            }
            if (uri.getRawFragment() != null) {
                problems.add(new ConfigProblem("url", "must not have a fragment (#...)"));
            }
        }
        default -> problems.add(new ConfigProblem("url", "must be an absolute http, https or file URL"));
        }
    }
}
