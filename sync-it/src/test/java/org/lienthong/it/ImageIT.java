package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hub's container image, as hub-core's package phase built and pushed it (bin/test: a private registry on
 * 127.0.0.1, a base image made from the build's JDK): read back over the registry's HTTP API, checked, unpacked and run
 * as a Kubernetes pod with a read-only root filesystem would run it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ImageIT {

    static final String REPOSITORY = "lienthong/lienthong-hub";
    static final String NON_ROOT_USER = "185";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** The hub's default shutdown: 5 s of reporting not-ready (quarkus.shutdown.delay), then the stop itself. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static Registry registry;
    static Image image;
    static final Map<String, String> FIGURES = new LinkedHashMap<>();

    @BeforeAll
    static void pull() {
        registry = Registry.ofTestRun();
        long start = System.nanoTime();
        image = Image.pull(registry, REPOSITORY, Paths.version(), Paths.target().resolve("image/blobs"));
        figure("image",
                registry.address() + "/" + REPOSITORY + ":" + Paths.version() + ", " + image.layers().size()
                        + " layers, " + mb(image.size()) + " compressed (first layer, the base: "
                        + mb(image.layers().get(0).size()) + "), read in " + millis(start) + " ms");
    }

    @Test
    void theOnlyTagIsTheProjectVersion() {
        JsonNode tags = registry.tags(REPOSITORY).path("tags");
        List<String> names = new ArrayList<>();
        tags.forEach(t -> names.add(t.asText()));
        assertEquals(List.of(Paths.version()), names, "tags of " + REPOSITORY);
        assertNotEquals("latest", Paths.version());
    }

    @Test
    void itsConfigurationRunsTheFastJarAsUid185OnPort8080WithItsLabels() {
        assertEquals("linux", image.config().path("os").asText(), "os");
        JsonNode config = image.config().path("config");

        String user = config.path("User").asText();
        assertEquals(NON_ROOT_USER, user,
                "User: numeric, so Kubernetes' runAsNonRoot can check it without /etc/passwd");

        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertEquals(List.of("8080/tcp"), ports, "ExposedPorts");

        List<String> command = command(config);
        assertEquals("java", command.get(0), "the command starts the JVM from PATH: " + command);
        assertEquals(List.of("-jar", "quarkus-run.jar"), command.subList(command.size() - 2, command.size()),
                "the command runs the fast-jar launcher in the working directory: " + command);
        assertEquals("/home/jboss", config.path("WorkingDir").asText(), "WorkingDir");
        assertTrue(env(config).getOrDefault("PATH", "").contains("/"), "a PATH for java: " + env(config));

        JsonNode labels = config.path("Labels");
        assertEquals("Lienthong hub", labels.path("org.opencontainers.image.title").asText(), "title: " + labels);
        assertFalse(labels.path("org.opencontainers.image.description").asText().isBlank(), "description: " + labels);
        assertTrue(labels.path("org.opencontainers.image.source").asText().startsWith("https://"), "source: " + labels);
        assertEquals("Apache-2.0", labels.path("org.opencontainers.image.licenses").asText(), "licenses: " + labels);
        assertEquals(Paths.version(), labels.path("org.opencontainers.image.version").asText(), "version: " + labels);
    }

    @Test
    void itsLayersCarryThisBuildOfTheHubReadOnlyForItsUserAndNoSetuidFile() throws IOException {
        String workdir = image.config().path("config").path("WorkingDir").asText().substring(1);
        Map<String, Image.Entry> files = new TreeMap<>();
        List<Image.Entry> appEntries = new ArrayList<>();
        for (Image.Layer layer : image.layers()) {
            boolean appLayer = layer.entries().stream().anyMatch(e -> e.name().startsWith(workdir + "/"));
            for (Image.Entry e : layer.entries()) {
                assertFalse(e.isSetuidOrSetgid(), "a setuid or setgid file in layer " + layer.digest() + ": " + e);
                files.put(e.name(), e);
                if (appLayer) {
                    appEntries.add(e);
                }
            }
        }

        // every file of hub-core's quarkus-app (but the dependency list Quarkus writes for tools) is there, same size
        Path app = Paths.quarkusApp();
        List<String> built = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(app)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String relative = app.relativize(p).toString();
                if (!relative.equals("quarkus-app-dependencies.txt")) {
                    built.add(relative);
                }
            }
        }
        assertTrue(built.contains("quarkus-run.jar") && built.contains("app/hub-core-" + Paths.version() + ".jar")
                && built.stream().anyMatch(f -> f.startsWith("lib/boot/"))
                && built.stream().anyMatch(f -> f.startsWith("lib/main/")), "hub-core's quarkus-app: " + built);
        for (String f : built) {
            Image.Entry e = files.get(workdir + "/" + f);
            assertTrue(e != null && e.isFile(), f + " of " + app + " is missing from the image");
            assertEquals(Files.size(app.resolve(f)), e.size(), "size of " + e.name() + " in the image and in " + app);
        }
        long imageFiles = files.values().stream().filter(e -> e.isFile() && e.name().startsWith(workdir + "/")).count();
        assertEquals(built.size(), imageFiles, "files under /" + workdir + " in the image");

        // the application layers add the working directory only, and nothing in it that user 185 may change
        assertFalse(appEntries.isEmpty(), "no layer adds /" + workdir);
        for (Image.Entry e : appEntries) {
            assertTrue(
                    e.name().equals(workdir) || e.name().startsWith(workdir + "/")
                            || workdir.startsWith(e.name() + "/"),
                    "an application layer adds something outside /" + workdir + ": " + e);
            if (!e.name().equals(workdir)) {
                assertEquals(0, e.uid(), "owner of " + e);
                assertFalse(e.writableByGroupOrOthers(), "writable by group or others: " + e);
            }
        }
    }

    @Test
    void itRunsAsUid185OnAReadOnlyRootWithATmpfsAndStopsCleanlyOnSigterm() throws IOException {
        Container.requireRoot();
        Path run = Paths.target().resolve("image-run");
        Path rootfs = Paths.target().resolve("image-rootfs");
        long start = System.nanoTime();
        Container.unpack(image, rootfs);
        figure("unpack", millis(start) + " ms to unpack the layers into " + rootfs);

        Files.createDirectories(run);
        Path key = run.resolve("jwt-public.pem");
        Files.copy(Jwts.publicKeyFile(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String database = Databases.create("image");
        int port = freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", Databases.jdbcUrl(database));
        settings.put("QUARKUS_DATASOURCE_USERNAME", Databases.USER);
        settings.put("QUARKUS_DATASOURCE_PASSWORD", "");
        // the host's network is shared, and 8080 may be taken there
        settings.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        settings.put("HUB_ID", "image-it");
        settings.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/tmp/" + key.getFileName());
        settings.put("MP_JWT_VERIFY_ISSUER", Jwts.ISSUER);
        settings.put("HUB_ORGANIZATIONS_SEED_FILE", "/tmp/" + Paths.organizations().getFileName());

        Container container = null;
        try {
            start = System.nanoTime();
            container = Container.start(image, rootfs, settings, List.of(key, Paths.organizations()),
                    run.resolve("hub.log"));
            String url = "http://127.0.0.1:" + port;
            JsonNode ready = JSON.readTree(container.awaitOk(url + "/q/health/ready", READY_TIMEOUT));
            figure("start", millis(start) + " ms from start to /q/health/ready answering 200");
            assertEquals("UP", ready.path("status").asText(), "readiness: " + ready);

            long pid = container.pid();
            Map<String, String> status = Procfs.status(pid);
            assertEquals(List.of("185", "185", "185", "185"), List.of(status.get("Uid").split("\\s+")),
                    "real, effective, saved and file-system uid of the hub");
            assertEquals(List.of("185", "185", "185", "185"), List.of(status.get("Gid").split("\\s+")), "gids");
            assertEquals("", status.getOrDefault("Groups", ""), "supplementary groups");
            assertTrue(status.get("Name").startsWith("java"), "the process is the JVM: " + status.get("Name"));
            assertEquals(rootfs.toRealPath(), Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "root")),
                    "the hub's root directory is the unpacked image");
            Path exe = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe"));
            assertTrue(exe.startsWith(rootfs.toRealPath()), "java comes from the image: " + exe);

            Procfs.Mount root = Procfs.mountAt(pid, "/");
            assertTrue(root.readOnly(), "the root filesystem is read-only: " + root);
            Procfs.Mount tmp = Procfs.mountAt(pid, "/tmp");
            assertEquals("tmpfs", tmp.fsType(), "/tmp: " + tmp);
            assertFalse(tmp.readOnly(), "/tmp: " + tmp);

            // the key and the registry it was given were read: a token is accepted and the organisations are seeded
            HttpResponse<String> orgs = get(url + "/api/v1/organizations", Jwts.admin("vn"));
            assertEquals(200, orgs.statusCode(), "GET /api/v1/organizations: " + orgs.body());
            assertTrue(orgs.body().contains("\"vn.hn\""), "the seeded registry: " + orgs.body());
            assertEquals(401, get(url + "/api/v1/organizations", null).statusCode(), "without a token");

            start = System.nanoTime();
            Optional<Integer> exit = container.terminate(STOP_TIMEOUT);
            if (exit.isEmpty()) {
                fail("the hub did not end within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM. Last lines:\n"
                        + container.tail(40));
            }
            figure("stop", millis(start) + " ms from SIGTERM to exit (status " + exit.get() + ")");
            assertTrue(Set.of(0, 143).contains(exit.get()), "exit status after SIGTERM (0, or 128+15 after the"
                    + " shutdown hooks ran): " + exit.get() + "\n" + container.tail(40));
            String output = container.output();
            assertTrue(output.contains(" stopped in "), "Quarkus reports a graceful stop:\n" + container.tail(40));
            assertFalse(output.contains("Read-only file system"), "the hub tried to write outside /tmp:\n" + output);
            assertFalse(output.contains(" ERROR "), "errors in the hub's output:\n" + output);
        } finally {
            if (container != null) {
                container.kill();
            }
            Databases.dropAll();
        }
        // the mounts lived in the container's own mount namespace and went with it
        Path realRootfs = rootfs.toRealPath();
        List<Procfs.Mount> left = Procfs.mounts(ProcessHandle.current().pid()).stream()
                .filter(m -> Path.of(m.mountPoint()).startsWith(realRootfs)).toList();
        assertEquals(List.of(), left, "mounts left under " + rootfs);
    }

    private static List<String> command(JsonNode config) {
        List<String> command = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> command.add(a.asText()));
        config.path("Cmd").forEach(a -> command.add(a.asText()));
        assertTrue(command.size() >= 3, "Entrypoint + Cmd: " + command);
        return command;
    }

    private static Map<String, String> env(JsonNode config) {
        Map<String, String> env = new LinkedHashMap<>();
        config.path("Env").forEach(kv -> {
            String[] p = kv.asText().split("=", 2);
            env.put(p[0], p.length > 1 ? p[1] : "");
        });
        return env;
    }

    private static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    /** Prints a figure and writes all so far to {@code sync-it/target/image-figures.txt}. */
    static synchronized void figure(String name, String text) {
        System.out.println("[image-figures] " + name + ": " + text);
        FIGURES.put(name, text);
        List<String> lines = new ArrayList<>(List.of("Lienthong image figures, " + Instant.now()));
        FIGURES.forEach((k, v) -> lines.add(k + ": " + v));
        try {
            Files.createDirectories(Paths.target());
            Files.write(Paths.target().resolve("image-figures.txt"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
