package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * The Helm chart's settings drive a real hub: two hub processes ("replicas") get exactly the environment the chart's
 * ConfigMap and Secret references give a pod, with the files Kubernetes would mount (JWT key, audit key, organisation
 * seed, drop directory) placed under a directory that stands for the pod's filesystem. They start at the same time on
 * one empty database, and every setting is checked by its effect.
 */
class ChartIT {

    private static final Path CHART = Paths.root().resolve("helm/lienthong-hub");
    /** Where the pod's mounts are, on this machine. */
    private static final Path POD = Paths.target().resolve("chart-it/pod");

    private final List<Hub> hubs = new ArrayList<>();

    @AfterAll
    static void dropDatabases() {
        Databases.dropAll();
    }

    @Test
    void twoReplicasConfiguredByTheChartShareOneDatabaseAndHonourEverySetting() throws Exception {
        // what Kubernetes would mount from the Secrets, the ConfigMap and the claim the values name
        Container.deleteTree(POD);
        copy(Jwts.publicKeyFile(), POD.resolve("etc/lienthong/jwt/idp.pem"));
        KeyPair audit = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        write(POD.resolve("etc/lienthong/audit/audit-key.pem"), pem("PRIVATE KEY", audit.getPrivate().getEncoded()));
        copy(Paths.organizations(), POD.resolve("etc/lienthong/organizations/organizations.json"));
        Files.createDirectories(POD.resolve("var/lib/lienthong/drop"));

        String database = Databases.create("chart");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("hub.id", "dn");
        values.put("database.url", Databases.jdbcUrl(database));
        values.put("database.username", Databases.USER);
        values.put("database.passwordSecret.name", "lienthong-dn-db");
        values.put("jwt.issuer", Jwts.ISSUER);
        values.put("jwt.publicKey.secretName", "lienthong-dn-jwt");
        values.put("jwt.publicKey.key", "idp.pem");
        values.put("audit.signingKeySecret.name", "lienthong-dn-audit");
        values.put("hub.organizations.configMapName", "lienthong-organizations");
        values.put("connectors.dropClaimName", "lienthong-dn-drop");
        values.put("hub.config.HUB_PAGE_MAX_LIMIT", "7");
        Map<String, String> env = podEnvironment(values);
        env.put("QUARKUS_DATASOURCE_PASSWORD", ""); // the Secret's value: the test server trusts local connections

        hubs.add(Hub.configured("chart-replica-1", database, env));
        hubs.add(Hub.configured("chart-replica-2", database, env));
        Hub.startAll(hubs); // at the same moment, on an empty database: both migrate, one waits for the other

        try (Connection db = DriverManager.getConnection(Databases.jdbcUrl(database), Databases.USER, "");
                Statement st = db.createStatement()) {
            // SQL migrations and the Java ones (db.migration, e.g. V15's rehashing)
            long migrations;
            try (Stream<Path> files = Files.list(Paths.root().resolve("hub-core/src/main/resources/db/migration"));
                    Stream<Path> classes = Files.list(Paths.root().resolve("hub-core/src/main/java/db/migration"))) {
                migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count()
                        + classes.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.java")).count();
            }
            try (ResultSet rs = st.executeQuery("select count(*), count(distinct version), bool_and(success)"
                    + " from flyway_schema_history where version is not null")) {
                rs.next();
                assertEquals(migrations, rs.getLong(1), "each migration applied once, by one of the replicas");
                assertEquals(migrations, rs.getLong(2));
                assertTrue(rs.getBoolean(3));
            }
        }

        // token trust from the mounted key; the organisation registry from the mounted seed
        Client writer1 = hubs.get(0).as(Jwts.writer("vn.dn"));
        Client writer2 = hubs.get(1).as(Jwts.writer("vn.dn"));
        writer1.get("/api/v1/organizations/vn.dn").expect(200);

        // hub.id: the provenance of what either replica writes; both replicas serve the same data
        ObjectNode incident = Bodies.incident();
        incident.put("owner", "vn.dn").put("classification", "internal");
        JsonNode created = writer1.create("incident", incident);
        JsonNode read = writer2.read("incident", created.path("id").asText());
        assertEquals("dn", read.path("provenance").path("originHub").asText());
        assertEquals(created.path("provenance").path("hash"), read.path("provenance").path("hash"));

        // hub.config: any setting as an environment variable
        writer2.get("/api/v1/incidents?limit=7").expect(200);
        writer2.get("/api/v1/incidents?limit=8").expect(400);

        // audit.signingKeySecret: checkpoints are signed with the mounted key
        Client admin = hubs.get(0).as(Jwts.admin("vn"));
        admin.post("/api/v1/audit/checkpoints", "application/json", "").expect(200, 201);
        JsonNode keys = admin.get("/api/v1/audit/keys").expect(200).json().path("keys");
        String ours = Base64.getEncoder().encodeToString(audit.getPublic().getEncoded());
        assertEquals(ours, keys.get(0).path("publicKeyPem").asText().replaceAll("-----[A-Z ]+-----|\\s", ""),
                "the current checkpoint key is the one from the Secret");

        // logging.json (on in the chart): every line the hub writes is a JSON object naming the hub
        for (Hub replica : hubs) {
            List<String> lines = replica.output().stream().filter(l -> !l.isBlank())
                    .filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS")) // the JVM's own note, on stderr
                    .toList();
            assertTrue(lines.size() > 5, replica + " wrote " + lines);
            for (String line : lines) {
                assertTrue(line.startsWith("{"), "not JSON: " + line);
                assertEquals("dn", Client.JSON.readTree(line).path("hubId").asText(), line);
            }
        }

        // connectors.dropClaimName: file URLs are accepted inside the mounted drop directory only
        String inside = POD.resolve("var/lib/lienthong/drop/incidents.csv").toUri().toString();
        assertTrue(validCsvUrl(admin, inside), inside);
        assertFalse(validCsvUrl(admin, Paths.organizations().toUri().toString()));
    }

    @org.junit.jupiter.api.AfterEach
    void stopHubs() {
        hubs.parallelStream().forEach(Hub::stop); // each keeps serving for the chart's shutdown delay first
    }

    /**
     * The container's environment as the chart makes it: the ConfigMap's data, with paths under the pod's mounts moved
     * to {@link #POD}. The Secret references (the database password) are for the caller to resolve.
     */
    static Map<String, String> podEnvironment(Map<String, Object> values) throws IOException {
        TemplateCommand template = new Helm(CHART).template().withName("lienthong-dn").withNamespace("lienthong");
        values.forEach(template::set);
        Map<String, String> env = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(template.call())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && "ConfigMap".equals(doc.path("kind").asText())) {
                    doc.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
                }
            }
        }
        assertFalse(env.isEmpty(), "the chart rendered no ConfigMap");
        env.replaceAll((k, v) -> v.startsWith("/etc/lienthong/") || v.startsWith("/var/lib/lienthong/")
                ? POD.resolve(v.substring(1)).toString() : v);
        return env;
    }

    private static boolean validCsvUrl(Client admin, String url) {
        ObjectNode body = Client.JSON.createObjectNode().put("type", "csv");
        body.putObject("config").put("url", url).put("kind", "incident").put("owner", "vn.dn");
        return admin.postJson("/api/v1/connectors/validate", body).expect(200).json().path("valid").asBoolean();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
}
