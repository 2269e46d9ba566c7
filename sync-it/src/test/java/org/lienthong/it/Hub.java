package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A hub process: {@code java -jar hub-core/target/quarkus-app/quarkus-run.jar} on its own database and port, trusting
 * {@link Jwts}. Output goes to {@code sync-it/target/hub-logs/<id>.log} (appended across restarts). Every process
 * started here is killed by a JVM shutdown hook if a test does not stop it.
 */
final class Hub {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-hubs"));
    }

    private final String id;
    private final String database;
    private final int port;
    private final Path log;
    private final Path workDir;
    /** The hub's whole configuration when given (e.g. a rendered Helm ConfigMap); else the defaults in start(). */
    private final Map<String, String> settings;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private Process process;
    private long logStart;

    private Hub(String id, String database, Map<String, String> settings) {
        this.id = id;
        this.database = database;
        this.settings = settings;
        this.port = freePort();
        this.log = Paths.target().resolve("hub-logs").resolve(id + ".log");
        this.workDir = Paths.target().resolve("hubs").resolve(id);
    }

    /** A hub with a fresh database and a free port, not started yet. */
    static Hub create(String id) {
        return new Hub(id, Databases.create(id), null);
    }

    /**
     * A hub configured only by {@code settings} (environment variables; {@code database} is what they point at), on a
     * free port, not started yet.
     */
    static Hub configured(String id, String database, Map<String, String> settings) {
        return new Hub(id, database, Map.copyOf(settings));
    }

    /**
     * Another process of {@code hub}: the same database and hub id (as a second replica of a Deployment), its own port
     * and log, not started yet.
     */
    static Hub replicaOf(Hub hub, String processName) {
        return new Hub(processName, hub.database, hub.settings).env("HUB_ID", hub.id);
    }

    /** Creates and starts hubs, in parallel; fails when one does not get ready. */
    static List<Hub> startAll(String... ids) {
        List<Hub> hubs = new ArrayList<>();
        for (String id : ids) {
            hubs.add(create(id));
        }
        return startAll(hubs);
    }

    /** Starts hubs, in parallel; fails when one does not get ready. */
    static List<Hub> startAll(List<Hub> hubs) {
        List<CompletableFuture<Void>> starts = hubs.stream().map(h -> CompletableFuture.runAsync(h::start)).toList();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            hubs.forEach(Hub::kill);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("starting hubs failed: " + cause, cause);
        }
        return hubs;
    }

    String id() {
        return id;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String database() {
        return database;
    }

    Path log() {
        return log;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Sets an environment variable for this hub's processes (from the next start on, and for every restart), e.g.
     * {@code QUARKUS_LOG_CONSOLE_JSON_ENABLED=true}; overrides the harness' own settings.
     */
    synchronized Hub env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** A client of this hub that sends {@code token}. */
    Client as(String token) {
        return new Client(this, token);
    }

    /** Starts the process and waits until {@code /q/health/ready} answers 200. */
    synchronized void start() {
        if (running()) {
            throw new IllegalStateException(id + " is running");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            Files.writeString(log,
                    "\n===== [sync-it] starting hub " + id + " on port " + port + ", database " + database + " at "
                            + Instant.now() + " =====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logStart = Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx192m", "-XX:+UseSerialGC", "-jar",
                Paths.hubJar().toString());
        pb.directory(workDir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        // the build's own datasource settings (bin/test exports them) must not leak into the hubs
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("HUB_") || k.startsWith("MP_JWT_"));
        if (settings != null) {
            env.putAll(settings);
        } else {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", Databases.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", Databases.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", "");
            env.put("HUB_ID", id);
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Jwts.publicKeyFile().toString());
            env.put("MP_JWT_VERIFY_ISSUER", Jwts.ISSUER);
            env.put("HUB_ORGANIZATIONS_SEED_FILE", Paths.organizations().toString());
            env.put("QUARKUS_LOG_CATEGORY__ORG_LIENTHONG__LEVEL", "INFO");
            // tests stop and restart hubs often: no readiness delay before a stop (the hub's default is 5 s)
            env.put("QUARKUS_SHUTDOWN_DELAY", "0s");
        }
        env.putAll(extraEnv);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start hub " + id, e);
        }
        LIVE.add(process);
        awaitReady();
    }

    private void awaitReady() {
        try {
            Await.ok("hub " + id, process, log, url() + "/q/health/ready", READY_TIMEOUT);
        } catch (AssertionError e) {
            kill();
            throw e;
        }
    }

    /** Stops the hub gracefully (SIGTERM) and waits for it; kills it when it does not stop in time. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("[sync-it] hub " + id + " did not stop within " + STOP_TIMEOUT + "; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LIVE.remove(process);
        process = null;
    }

    /** Sends SIGTERM, as Kubernetes or systemd would, and returns at once; {@link #awaitExit} waits for the end. */
    synchronized void terminate() {
        if (process == null) {
            throw new IllegalStateException(id + " is not running");
        }
        process.destroy();
    }

    /**
     * Waits for the process to end (after {@link #terminate}) and returns its exit status; fails, after killing it,
     * when it has not ended within {@code limit}.
     */
    synchronized int awaitExit(Duration limit) {
        if (process == null) {
            throw new IllegalStateException(id + " is not running");
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                fail("hub " + id + " did not exit within " + limit.toMillis() + " ms. Last lines of " + log + ":\n"
                        + tail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int status = process.exitValue();
        LIVE.remove(process);
        process = null;
        return status;
    }

    /** Kills the hub (SIGKILL), as a crash would. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        killAndWait(process);
        LIVE.remove(process);
        process = null;
    }

    /** SIGKILL to {@code p}, and up to 10 s for it to end. */
    static void killAndWait(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the hub if it runs, then starts it again on the same port and database. */
    synchronized void restart() {
        stop();
        start();
    }

    /** What the current (or last) process wrote, stdout and stderr together, line by line. */
    List<String> output() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of the log. */
    String tail(int lines) {
        return Await.tail(log, lines);
    }

    @Override
    public String toString() {
        return id + "@" + url();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
