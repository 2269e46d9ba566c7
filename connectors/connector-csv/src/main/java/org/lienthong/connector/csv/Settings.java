package org.lienthong.connector.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.lienthong.hub.api.connector.ConfigChecks;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.ConnectorConfig;
import org.lienthong.hub.api.csv.CsvRecords;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.api.schema.Vocabulary;

/**
 * A {@code csv} configuration, checked and typed.
 *
 * @param url
 *            where the files are: an http(s) URL of one file, or a file URL of one file or of a directory
 * @param kind
 *            threat, incident or resource: what every row of every file is
 * @param owner
 *            the owner of a row that names none, or {@code null}
 * @param classification
 *            the classification of a row that names none, or {@code null} (the hub's default)
 * @param sourceSystem
 *            {@code sourceRef.system} of a row that gives only {@code sourceRef.id}, or {@code null}
 * @param headerMapping
 *            the sheet's column names to canonical paths ({@code ""}: ignore the column), in configured order
 * @param intervalSeconds
 *            how long to wait between looks at the URL once everything there is imported
 */
record Settings(URI url, String kind, String owner, String classification, String sourceSystem,
        Map<String, String> headerMapping, int intervalSeconds) {

    static final List<String> KINDS = Vocabulary.wireValues(RecordKind.class);
    static final List<String> CLASSIFICATIONS = Vocabulary.wireValues(Classification.class);
    static final int DEFAULT_INTERVAL = 300;
    static final int MAX_INTERVAL = 86_400;

    /** The hub's definition of an organisation code (OrganizationCodes in hub-core). */
    private static final Pattern ORG_CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");

    Settings {
        headerMapping = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headerMapping));
    }

    boolean isFile() {
        return "file".equalsIgnoreCase(url.getScheme());
    }

    /** Reads a configuration that {@link #problems} found nothing wrong with. */
    static Settings of(ConnectorConfig config) {
        URI url = URI.create(config.string("url").orElseThrow().strip());
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String entry : config.list("headerMapping")) {
            int eq = entry.lastIndexOf('=');
            mapping.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return new Settings(url, config.string("kind").orElseThrow().strip(), blankToNull(config.string("owner")),
                blankToNull(config.string("classification")), blankToNull(config.string("sourceSystem")), mapping,
                config.integer("intervalSeconds").orElse((long) DEFAULT_INTERVAL).intValue());
    }

    private static String blankToNull(java.util.Optional<String> value) {
        return value.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** Every rule a configuration breaks; no file system or network access. */
    static List<ConfigProblem> problems(ConnectorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        urlProblem(config.string("url").orElse(null), problems);

        String kind = config.string("kind").map(String::strip).orElse("");
        boolean kindOk = KINDS.contains(kind);
        if (!kindOk) {
            problems.add(new ConfigProblem("kind", "must be " + Vocabulary.alternatives(RecordKind.class)));
        }

        String owner = blankToNull(config.string("owner"));
        if (owner != null && (owner.length() > 128 || !ORG_CODE.matcher(owner).matches())) {
            problems.add(new ConfigProblem("owner", "must be an organisation code: lower-case, dotted, such as vn.hn"));
        }
        String classification = blankToNull(config.string("classification"));
        if (classification != null && !CLASSIFICATIONS.contains(classification)) {
            problems.add(
                    new ConfigProblem("classification", "must be " + Vocabulary.alternatives(Classification.class)));
        }
        String system = blankToNull(config.string("sourceSystem"));
        if (system != null && (system.length() > 256 || system.chars().anyMatch(Character::isISOControl))) {
            problems.add(new ConfigProblem("sourceSystem",
                    "must be at most 256 characters, without line breaks or other control characters"));
        }

        List<String> columns = kindOk ? CsvRecords.columns(kind) : List.of();
        Map<String, String> seen = new LinkedHashMap<>();
        for (String entry : config.list("headerMapping")) {
            int eq = entry == null ? -1 : entry.lastIndexOf('=');
            if (eq < 0) {
                problems.add(new ConfigProblem("headerMapping",
                        "'" + entry + "' must be written 'Sheet header=canonical.path', e.g. 'Tiêu đề=title'"));
                continue;
            }
            String header = entry.substring(0, eq).strip();
            String path = entry.substring(eq + 1).strip();
            if (header.isEmpty()) {
                problems.add(new ConfigProblem("headerMapping", "'" + entry + "' has no sheet header before '='"));
                continue;
            }
            if (!path.isEmpty() && kindOk && !columns.contains(path)) {
                problems.add(new ConfigProblem("headerMapping",
                        "'" + entry + "': '" + path + "' is not a column of a " + kind
                                + " (see the CSV section of connectors/README.md;"
                                + " leave it empty to ignore the column)"));
            }
            String before = seen.put(key(header), header);
            if (before != null) {
                problems.add(new ConfigProblem("headerMapping", "maps the sheet header '" + header + "' twice"));
            }
        }

        long interval = config.integer("intervalSeconds").orElse((long) DEFAULT_INTERVAL);
        if (interval < 1 || interval > MAX_INTERVAL) {
            problems.add(new ConfigProblem("intervalSeconds", "must be from 1 to " + MAX_INTERVAL + " seconds"));
        }
        return problems;
    }

    /** How {@link CsvRecords} compares headers: no BOM, no surrounding spaces, NFC, lower case. */
    private static String key(String header) {
        return Normalizer.normalize(header.replace("\uFEFF", ""), Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    }

    private static void urlProblem(String text, List<ConfigProblem> problems) {
        URI uri = ConfigChecks.parse("url", text,
                "is required: an http(s) URL of a CSV file, or a file URL of a CSV"
                        + " file or of a directory of them, such as file:///var/lib/lienthong/drop/kho/",
                problems).orElse(null);
        if (uri == null) {
            return;
        }
        switch (ConfigChecks.scheme(uri)) {
        case "http", "https" -> ConfigChecks.checkHttp("url", uri, "", problems);
        case "file" -> {
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(new ConfigProblem("url", "a file URL must not have a query or a fragment"));
                return;
            }
            try {
                Path.of(uri);
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                problems.add(new ConfigProblem("url", "must be a file URL of an absolute path on this machine, such as"
                        + " file:///var/lib/lienthong/drop/kho/ (no host)"));
            }
        }
        default -> problems.add(new ConfigProblem("url", "must be an http, https or file URL"));
        }
    }

    /**
     * A short digest of everything that decides what a file's rows become; stored in the checkpoint so that changing
     * the configuration reads the files again.
     */
    String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Object part : List.of(url.toString(), kind, String.valueOf(owner), String.valueOf(classification),
                String.valueOf(sourceSystem), headerMapping.toString())) {
            sb.append(part).append('\u0000');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The URL without query, for messages: a query may carry an access key. */
    String displayUrl() {
        if (isFile()) {
            return Path.of(url).toString();
        }
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
