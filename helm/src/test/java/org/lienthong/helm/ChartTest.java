package org.lienthong.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * The Helm chart helm/lienthong-hub, linted strictly and rendered by Helm's own engine with the default values, a
 * ministry hub, a provincial hub with CloudNativePG, and value files that must be refused.
 */
class ChartTest {

    @Test
    void lintStrictPasses() {
        LintResult result = new Helm(Rendered.CHART).lint().strict().call();
        result.getMessages().forEach(m -> System.out.println("helm lint: " + m));
        assertFalse(result.isFailed(), () -> "helm lint --strict:\n" + String.join("\n", result.getMessages()));
    }

    @Test
    void appVersionIsTheProjectVersion() throws IOException {
        JsonNode chart = new YAMLMapper().readTree(Rendered.CHART.resolve("Chart.yaml").toFile());
        assertEquals(System.getProperty("lienthong.version"), chart.path("appVersion").asText(),
                "Chart.yaml appVersion must follow the Maven project version (the image tag by default)");
    }

    @Test
    void defaults() {
        Rendered r = Rendered.of("lienthong", null);
        assertEquals(List.of("ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Service",
                "ServiceAccount"), r.kinds());
        r.objects.forEach(o -> assertEquals("lienthong-hub", o.at("/metadata/labels/app.kubernetes.io~1name").asText(),
                () -> "standard labels on " + o.path("kind")));

        JsonNode deployment = r.deployment();
        assertTrue(deployment.at("/spec/replicas").isMissingNode(), "the HorizontalPodAutoscaler owns the replicas");
        assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1));

        JsonNode hub = r.hubContainer();
        assertEquals("lienthong/lienthong-hub:" + System.getProperty("lienthong.version"), hub.path("image").asText());
        assertProbe(hub, "startupProbe", "/q/health/started");
        assertProbe(hub, "livenessProbe", "/q/health/live");
        assertProbe(hub, "readinessProbe", "/q/health/ready");
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(hub.path("resources").path(bound).path(resource).asText().isEmpty(),
                        "resources." + bound + "." + resource);
            }
        }
        assertHardened(r);

        // the database password only by reference to an existing Secret
        JsonNode password = r.env("QUARKUS_DATASOURCE_PASSWORD").orElseGet(() -> fail("no password env"));
        assertEquals("lienthong-db", password.at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("password", password.at("/valueFrom/secretKeyRef/key").asText());
        assertTrue(password.path("value").isMissingNode());

        JsonNode settings = r.settings();
        assertEquals("lienthong", settings.path("HUB_ID").asText(), "hub.id defaults to the release name");
        assertEquals("jdbc:postgresql://postgresql:5432/lienthong",
                settings.path("QUARKUS_DATASOURCE_JDBC_URL").asText());
        assertEquals("lienthong", settings.path("QUARKUS_DATASOURCE_USERNAME").asText());
        assertTrue(settings.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").isMissingNode(),
                "without configured trust the hub refuses every token");
        assertEquals("true", settings.path("QUARKUS_LOG_CONSOLE_JSON_ENABLED").asText());
        assertEquals("true", settings.path("QUARKUS_OTEL_SDK_DISABLED").asText(), "tracing off by default");
        assertEquals("false", settings.path("HUB_ALERTS_PUBLIC_FEED").asText(), "no public CAP feed by default");
        assertTrue(settings.path("HUB_ALERTS_WEB_BASE").isMissingNode());
        assertEquals("5s", settings.path("QUARKUS_SHUTDOWN_DELAY").asText());
        assertEquals("-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError",
                settings.path("JAVA_TOOL_OPTIONS").asText());
        assertEquals("70", settings.path("JAVA_MAX_MEM_RATIO").asText());
        assertEquals(r.one("ConfigMap").at("/metadata/name").asText(),
                r.hubContainer().at("/envFrom/0/configMapRef/name").asText());
        assertTrue(
                r.podSpec().path("terminationGracePeriodSeconds")
                        .asInt() > seconds(settings.path("QUARKUS_SHUTDOWN_DELAY").asText())
                                + seconds(settings.path("QUARKUS_SHUTDOWN_TIMEOUT").asText()),
                "Kubernetes waits longer than the hub's own shutdown");

        JsonNode hpa = r.one("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
        assertEquals(r.deployment().at("/metadata/name").asText(), hpa.at("/spec/scaleTargetRef/name").asText());
        assertEquals(2, hpa.at("/spec/minReplicas").asInt());
        assertEquals(6, hpa.at("/spec/maxReplicas").asInt());
        assertEquals("cpu", hpa.at("/spec/metrics/0/resource/name").asText());

        JsonNode pdb = r.one("PodDisruptionBudget");
        assertEquals("policy/v1", pdb.path("apiVersion").asText());
        assertEquals(1, pdb.at("/spec/maxUnavailable").asInt());
        assertEquals(selector(r), pdb.at("/spec/selector/matchLabels"));

        JsonNode service = r.one("Service");
        assertEquals(selector(r), service.at("/spec/selector"));
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());

        JsonNode sa = r.one("ServiceAccount");
        assertEquals(sa.at("/metadata/name").asText(), r.podSpec().path("serviceAccountName").asText());
        assertFalse(r.podSpec().path("automountServiceAccountToken").asBoolean(true),
                "the hub never calls the Kubernetes API");
    }

    @Test
    void ministryHub() {
        Rendered r = Rendered.of("lienthong-mae", "ministry.yaml");
        assertEquals(List.of("ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy",
                "PodDisruptionBudget", "Service", "ServiceAccount", "ServiceMonitor"), r.kinds());
        JsonNode settings = r.settings();
        assertEquals("mae", settings.path("HUB_ID").asText());
        assertEquals("registry.mae.gov.vn/lienthong/lienthong-hub:1.2.0", r.hubContainer().path("image").asText());
        assertEquals("jdbc:postgresql://pg-primary.data.svc:5432/lienthong?sslmode=verify-full",
                settings.path("QUARKUS_DATASOURCE_JDBC_URL").asText());
        assertEquals("lienthong_mae", settings.path("QUARKUS_DATASOURCE_USERNAME").asText());
        assertEquals("lienthong-mae-db",
                r.env("QUARKUS_DATASOURCE_PASSWORD").orElseThrow().at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("https://id.gov.vn/realms/lienthong/protocol/openid-connect/certs",
                settings.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText());
        assertEquals("https://id.gov.vn/realms/lienthong", settings.path("MP_JWT_VERIFY_ISSUER").asText());
        assertTrue(r.volume("jwt").isEmpty(), "a JWKS URL needs no key volume");
        assertEquals("500", settings.path("HUB_PAGE_MAX_LIMIT").asText());
        assertEquals("true", settings.path("HUB_ALERTS_PUBLIC_FEED").asText(), "the ministry publishes its CAP feed");
        assertEquals("https://canhbao.mae.gov.vn", settings.path("HUB_ALERTS_WEB_BASE").asText());

        // the audit signing key and the organisation seed: mounted read-only where the settings point
        assertMountedFile(r, "audit-key", settings.path("HUB_AUDIT_SIGNING_KEY").asText(), "secret",
                "lienthong-mae-audit");
        assertMountedFile(r, "organizations", settings.path("HUB_ORGANIZATIONS_SEED_FILE").asText(), "configMap",
                "lienthong-organizations");

        assertEquals("false", settings.path("QUARKUS_OTEL_SDK_DISABLED").asText());
        assertEquals("http://otel-collector.observability:4317",
                settings.path("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText());

        JsonNode ingress = r.one("Ingress");
        assertEquals("networking.k8s.io/v1", ingress.path("apiVersion").asText());
        assertEquals("nginx", ingress.at("/spec/ingressClassName").asText());
        assertEquals("lienthong.mae.gov.vn", ingress.at("/spec/rules/0/host").asText());
        assertEquals(r.one("Service").at("/metadata/name").asText(),
                ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText());
        assertEquals("lienthong-mae-tls", ingress.at("/spec/tls/0/secretName").asText());

        JsonNode policy = r.one("NetworkPolicy");
        assertEquals(selector(r), policy.at("/spec/podSelector/matchLabels"));
        assertEquals("ingress-nginx", policy.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels")
                .path("kubernetes.io/metadata.name").asText());
        Set<Integer> egressPorts = new HashSet<>();
        policy.at("/spec/egress")
                .forEach(rule -> rule.path("ports").forEach(p -> egressPorts.add(p.path("port").asInt())));
        assertEquals(Set.of(53, 443, 5432), egressPorts);
        assertEquals("10.20.0.0/16", policy.at("/spec/egress/1/to/0/ipBlock/cidr").asText());

        JsonNode monitor = r.one("ServiceMonitor");
        assertEquals("/q/metrics", monitor.at("/spec/endpoints/0/path").asText());
        assertEquals("lienthong-mae-metrics-token",
                monitor.at("/spec/endpoints/0/authorization/credentials/name").asText());
        assertEquals(selector(r), monitor.at("/spec/selector/matchLabels"));

        assertEquals(3, r.one("HorizontalPodAutoscaler").at("/spec/minReplicas").asInt());
        assertHardened(r);
    }

    @Test
    void provincialHubWithItsOwnPostgresql() {
        Rendered r = Rendered.of("lienthong-dn", "province.yaml");
        assertEquals(List.of("Cluster", "ConfigMap", "Deployment", "NetworkPolicy", "PodDisruptionBudget", "Service",
                "ServiceAccount"), r.kinds());
        assertEquals(3, r.deployment().at("/spec/replicas").asInt(), "replicaCount when autoscaling is off");
        assertEquals(
                "registry.danang.gov.vn/lienthong/lienthong-hub:1.2.0@sha256:"
                        + "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
                r.hubContainer().path("image").asText());

        JsonNode cluster = r.one("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        String name = cluster.at("/metadata/name").asText();
        assertEquals(2, cluster.at("/spec/instances").asInt());
        assertEquals("50Gi", cluster.at("/spec/storage/size").asText());
        assertEquals("fast-ssd", cluster.at("/spec/storage/storageClass").asText());
        assertEquals("lienthong", cluster.at("/spec/bootstrap/initdb/database").asText());
        assertEquals("lienthong", cluster.at("/spec/bootstrap/initdb/owner").asText());
        assertEquals("200", cluster.at("/spec/postgresql/parameters/max_connections").asText());

        // the hub talks to the operator's read-write service with the operator's app credentials
        JsonNode settings = r.settings();
        assertEquals("jdbc:postgresql://" + name + "-rw:5432/lienthong",
                settings.path("QUARKUS_DATASOURCE_JDBC_URL").asText());
        assertEquals("lienthong", settings.path("QUARKUS_DATASOURCE_USERNAME").asText());
        JsonNode password = r.env("QUARKUS_DATASOURCE_PASSWORD").orElseThrow();
        assertEquals(name + "-app", password.at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("password", password.at("/valueFrom/secretKeyRef/key").asText());
        JsonNode policy = r.one("NetworkPolicy");
        assertEquals(name, policy.at("/spec/egress/1/to/0/podSelector/matchLabels").path("cnpg.io/cluster").asText(),
                "the network policy lets the hub reach its database pods");

        assertMountedFile(r, "jwt", settings.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText(), "secret",
                "lienthong-dn-jwt");
        assertEquals("ES256", settings.path("MP_JWT_VERIFY_PUBLICKEY_ALGORITHM").asText());
        JsonNode drop = r.mount("drop").orElseGet(() -> fail("no drop directory mount"));
        assertTrue(drop.path("readOnly").asBoolean());
        assertEquals(drop.path("mountPath").asText(), settings.path("HUB_CONNECTORS_FILE_ROOT").asText());
        assertEquals("lienthong-dn-drop",
                r.volume("drop").orElseThrow().at("/persistentVolumeClaim/claimName").asText());

        assertEquals("false", settings.path("QUARKUS_LOG_CONSOLE_JSON_ENABLED").asText());
        JsonNode pdb = r.one("PodDisruptionBudget");
        assertEquals(2, pdb.at("/spec/minAvailable").asInt());
        assertTrue(pdb.at("/spec/maxUnavailable").isMissingNode());
        assertHardened(r);
    }

    @Test
    void jwtPublicKeyFromAConfigMap() {
        Rendered r = Rendered.of("lienthong", null,
                Map.of("jwt.publicKey.configMapName", "national-idp", "jwt.publicKey.key", "idp.pem"));
        assertMountedFile(r, "jwt", r.settings().path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText(), "configMap",
                "national-idp");
    }

    @Test
    void settingsChangeRollsThePods() {
        String before = Rendered.of("lienthong", null).deployment().at("/spec/template/metadata/annotations")
                .path("checksum/config").asText();
        String after = Rendered.of("lienthong", null, Map.of("hub.config.HUB_PAGE_MAX_LIMIT", "200")).deployment()
                .at("/spec/template/metadata/annotations").path("checksum/config").asText();
        assertEquals(64, before.length());
        assertNotEquals(before, after);
    }

    @Test
    void longReleaseNamesStayWithinKubernetesLimits() {
        String release = "lienthong-so-tai-nguyen-moi-truong-tp-ho-chi-minh-026"; // 53: Helm's limit
        assertEquals(53, release.length());
        Rendered r = Rendered.of(release, "province.yaml");
        for (JsonNode o : r.objects) {
            String name = o.at("/metadata/name").asText();
            assertTrue(name.length() <= 63, name);
        }
        // CloudNativePG derives <cluster>-app, <cluster>-rw … from the cluster's name
        assertTrue(r.one("Cluster").at("/metadata/name").asText().length() + "-app".length() <= 63);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidValuesAreRefused(String file) throws IOException {
        String expect = Files.readAllLines(Rendered.VALUES.resolve(file)).get(0).replaceFirst("^# expect: ", "");
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> Rendered.template("lienthong", file, Map.of()), "Helm rendered " + file);
        assertTrue(refused.getMessage().contains(expect),
                () -> file + ": expected the error to name '" + expect + "', got: " + refused.getMessage());
    }

    @Test
    void latestIsRefusedAlsoOnTheCommandLine() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> Rendered.template("lienthong", null, Map.of("image.tag", "latest")));
        assertTrue(refused.getMessage().contains("tag"), refused.getMessage());
    }

    static Stream<String> invalidValues() throws IOException {
        try (Stream<Path> files = Files.list(Rendered.VALUES.resolve("invalid"))) {
            List<String> names = new ArrayList<>();
            files.sorted().forEach(f -> names.add("invalid/" + f.getFileName()));
            assertTrue(names.size() >= 10, "the invalid value sets are missing");
            return names.stream();
        }
    }

    /** Non-root, read-only root filesystem with a writable /tmp, no privilege escalation, no capabilities. */
    private static void assertHardened(Rendered r) {
        JsonNode pod = r.podSpec().path("securityContext");
        assertTrue(pod.path("runAsNonRoot").asBoolean());
        assertTrue(pod.path("runAsUser").asInt(0) > 0, "runs as a non-root uid");
        assertEquals("RuntimeDefault", pod.at("/seccompProfile/type").asText());
        JsonNode container = r.hubContainer().path("securityContext");
        assertFalse(container.path("allowPrivilegeEscalation").asBoolean(true));
        assertFalse(container.path("privileged").asBoolean(true));
        assertTrue(container.path("readOnlyRootFilesystem").asBoolean());
        assertTrue(container.path("runAsNonRoot").asBoolean());
        assertEquals("[\"ALL\"]", container.at("/capabilities/drop").toString());
        assertEquals("RuntimeDefault", container.at("/seccompProfile/type").asText());
        assertEquals("/tmp", r.mount("tmp").orElseGet(() -> fail("no /tmp mount")).path("mountPath").asText());
        assertTrue(r.volume("tmp").orElseThrow().has("emptyDir"));

        // no secret value in the pod spec or the ConfigMap: only references
        for (JsonNode e : r.hubContainer().path("env")) {
            String name = e.path("name").asText();
            if (name.matches(".*(PASSWORD|SECRET|TOKEN|KEY).*")) {
                assertTrue(e.path("value").isMissingNode(), name + " must come from a Secret");
            }
        }
        r.settings().fieldNames().forEachRemaining(k -> assertFalse(k.matches(".*(PASSWORD|SECRET|TOKEN).*"), k));
        String image = r.hubContainer().path("image").asText();
        assertFalse(image.endsWith(":latest") || !image.substring(image.lastIndexOf('/')).contains(":"), image);
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        assertEquals(path, container.path(probe).at("/httpGet/path").asText(), probe);
        assertEquals("http", container.path(probe).at("/httpGet/port").asText(), probe);
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
    }

    /** A setting that names a file: the file is the key of the volume mounted read-only at that directory. */
    private static void assertMountedFile(Rendered r, String volume, String file, String sourceType, String source) {
        JsonNode mount = r.mount(volume).orElseGet(() -> fail("no mount of " + volume));
        assertTrue(mount.path("readOnly").asBoolean(), volume + " read-only");
        Path path = Path.of(file);
        assertEquals(mount.path("mountPath").asText(), path.getParent().toString(), volume);
        JsonNode v = r.volume(volume).orElseThrow().path(sourceType);
        assertEquals(source, v.path(sourceType.equals("secret") ? "secretName" : "name").asText());
        assertEquals(path.getFileName().toString(), v.at("/items/0/path").asText());
    }

    private static JsonNode selector(Rendered r) {
        return r.deployment().at("/spec/selector/matchLabels");
    }

    private static int seconds(String duration) {
        assertTrue(duration.matches("[0-9]+s"), duration);
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }
}
