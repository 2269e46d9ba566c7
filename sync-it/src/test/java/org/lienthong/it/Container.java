package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The image, unpacked into a directory and run there as a container runtime would: the image's entrypoint, command,
 * environment, working directory and user, chrooted into the unpacked layers, which are mounted read-only, with a tmpfs
 * on /tmp (see {@code run-in-rootfs.sh}). Needs root (mount namespaces, chroot, tar keeping owners).
 */
final class Container {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-container"));
    }

    /** The user a process of the image runs as. */
    record User(int uid, int gid) {
    }

    private final Process process;
    private final Path log;
    private final Path rootfs;

    private Container(Process process, Path log, Path rootfs) {
        this.process = process;
        this.log = log;
        this.rootfs = rootfs;
    }

    /** Fails with the reason unless this JVM runs as root. */
    static void requireRoot() {
        if (!"0".equals(Procfs.status(ProcessHandle.current().pid()).get("Uid").split("\\s+")[1])) {
            fail("Running the image needs root: it is unpacked with its owners and run chrooted in a private mount"
                    + " namespace (unshare, mount, chroot), as a container runtime does. Run bin/test as root (CI does);"
                    + " nothing is skipped.");
        }
    }

    /**
     * Unpacks the layers in order into {@code rootfs} (emptied first) with GNU tar, keeping owners and modes. Fails on
     * whiteout files, which this does not apply (the hub's image has none).
     */
    static Path unpack(Image image, Path rootfs) {
        deleteTree(rootfs);
        try {
            Files.createDirectories(rootfs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Image.Layer layer : image.layers()) {
            for (Image.Entry e : layer.entries()) {
                if (e.name().contains(".wh.")) {
                    fail("layer " + layer.digest() + " holds a whiteout, which this test does not apply: " + e);
                }
            }
            run(List.of("tar", "-xzpf", layer.blob().toString(), "-C", rootfs.toString(), "--numeric-owner",
                    "--same-owner", "--warning=no-unknown-keyword"), Duration.ofMinutes(2));
        }
        return rootfs;
    }

    /**
     * Starts the image's command in {@code rootfs} with its environment plus {@code settings}; {@code files} are copied
     * read-only into the container's /tmp first. Output goes to {@code log}.
     */
    static Container start(Image image, Path rootfs, Map<String, String> settings, List<Path> files, Path log) {
        JsonNode config = image.config().path("config");
        List<String> command = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> command.add(a.asText()));
        config.path("Cmd").forEach(a -> command.add(a.asText()));
        if (command.isEmpty()) {
            fail("the image has neither Entrypoint nor Cmd: " + config);
        }
        String workdir = config.path("WorkingDir").asText("/");
        if (workdir.isEmpty()) {
            workdir = "/";
        }
        User user = user(config.path("User").asText(""), rootfs);
        Map<String, String> env = new LinkedHashMap<>();
        config.path("Env").forEach(kv -> {
            String[] p = kv.asText().split("=", 2);
            env.put(p[0], p.length > 1 ? p[1] : "");
        });
        env.putAll(settings);

        List<String> argv = new ArrayList<>(List.of(hostTool("unshare"), "--mount", "--uts", "--propagation", "private",
                hostTool("sh"), script().toString(), rootfs.toString(), workdir, String.valueOf(user.uid()),
                String.valueOf(user.gid())));
        files.forEach(f -> argv.add(f.toAbsolutePath().toString()));
        argv.add("--");
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "[sync-it] " + String.join(" ", argv) + "\n", StandardCharsets.UTF_8);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = pb.start();
            LIVE.add(process);
            return new Container(process, log, rootfs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + argv, e);
        }
    }

    /**
     * The process id of the image's command: run-in-rootfs.sh execs it without forking, so it is the process started.
     */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path rootfs() {
        return rootfs;
    }

    /** Polls {@code url} until it answers 200 and returns that answer's body; fails if the process dies first. */
    String awaitOk(String url, Duration timeout) {
        return Await.ok("the container", process, log, url, timeout);
    }

    /** Sends SIGTERM and waits up to {@code timeout}; the exit status, or empty if it still runs. */
    Optional<Integer> terminate(Duration timeout) {
        process.destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LIVE.remove(process);
                return Optional.of(process.exitValue());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, and wait for it; nothing if it has ended. */
    void kill() {
        Hub.killAndWait(process);
        LIVE.remove(process);
    }

    /** The last {@code lines} lines of the container's output. */
    String tail(int lines) {
        return Await.tail(log, lines);
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The image's {@code User} ({@code uid}, {@code uid:gid}, or names) as numbers, looked up in the image's
     * /etc/passwd and /etc/group like a container runtime; a user without a passwd entry gets gid 0.
     */
    static User user(String spec, Path rootfs) {
        if (spec.isEmpty()) {
            return new User(0, 0);
        }
        String[] parts = spec.split(":", 2);
        List<String[]> passwd = table(rootfs.resolve("etc/passwd"));
        int uid = parts[0].matches("\\d+") ? Integer.parseInt(parts[0])
                : passwd.stream().filter(p -> p[0].equals(parts[0])).map(p -> Integer.parseInt(p[2])).findFirst()
                        .orElseThrow(
                                () -> new AssertionError("user " + parts[0] + " is not in the image's /etc/passwd"));
        int gid;
        if (parts.length > 1) {
            gid = parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : table(rootfs.resolve("etc/group")).stream()
                    .filter(g -> g[0].equals(parts[1])).map(g -> Integer.parseInt(g[2])).findFirst()
                    .orElseThrow(() -> new AssertionError("group " + parts[1] + " is not in the image's /etc/group"));
        } else {
            gid = passwd.stream().filter(p -> p[2].equals(String.valueOf(uid))).map(p -> Integer.parseInt(p[3]))
                    .findFirst().orElse(0);
        }
        return new User(uid, gid);
    }

    private static List<String[]> table(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(l -> l.split(":", -1)).filter(f -> f.length >= 4).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path script() {
        try {
            return Path.of(Container.class.getResource("/run-in-rootfs.sh").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A program of the host (the test's PATH, then the usual directories), by absolute path. */
    static String hostTool(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError(name + " is not installed (util-linux/coreutils)"));
    }

    private static void run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish within " + timeout);
            }
            assertEquals(0, p.exitValue(), command + " failed: " + new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a directory tree without following symbolic links. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
