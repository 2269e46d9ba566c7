package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TypeScript client's own tests ({@code clients/typescript/test/client.test.ts}, compiled by that module's build
 * into {@code dist/test/}) against one real hub: {@code npm test} runs them with {@code LIENTHONG_HUB_URL} and
 * {@code LIENTHONG_TOKEN} (an admin of organisation vn); their output goes into this test's log. Passes only when npm
 * exits 0 and node's test summary counts more than zero tests, all passed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TypeScriptClientIT {

    static final Duration LIMIT = Duration.ofMinutes(4);
    /** The summary lines of node's test runner: {@code # pass 14} (TAP reporter) or {@code ℹ pass 14} (spec). */
    static final Pattern SUMMARY = Pattern.compile("^(?:# |\u2139 )(tests|pass|fail|cancelled|skipped|todo) (\\d+)$");

    static Hub hub;

    @BeforeAll
    static void start() {
        Databases.port(); // fails at once, with the reason, outside bin/test
        hub = Hub.create("ts-client");
        hub.start();
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.kill();
        }
        Databases.dropAll();
    }

    @Test
    void theTypeScriptClientsJourneyPassesAgainstARealHub() throws InterruptedException {
        Path module = Paths.root().resolve("clients/typescript");
        Path compiled = module.resolve("dist/test/client.test.js");
        if (!Files.isRegularFile(compiled)) {
            fail(compiled + " is missing: clients/typescript's build (npm ci, npm run build) compiles it. Run through"
                    + " bin/test -pl hub-core,clients/java,clients/typescript,sync-it -am -Dtest='TypeScriptClientIT*'"
                    + " -Dsurefire.failIfNoSpecifiedTests=false");
        }
        ProcessBuilder pb = new ProcessBuilder("npm", "test");
        pb.directory(module.toFile());
        pb.redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("LIENTHONG_HUB_URL", hub.url());
        env.put("LIENTHONG_TOKEN", Jwts.admin("vn"));
        env.put("NO_COLOR", "1");
        env.remove("NODE_OPTIONS");
        Process npm;
        try {
            npm = pb.start();
        } catch (IOException e) {
            throw new AssertionError("could not run npm (Node.js and npm are needed: bin/test installs Debian's"
                    + " nodejs and npm when root, see ensure_node in bin/lib.sh): " + e.getMessage(), e);
        }
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    output.add(line);
                    System.out.println("[npm test] " + line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!npm.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            npm.descendants().forEach(ProcessHandle::destroyForcibly);
            Hub.killAndWait(npm);
            fail("npm test did not end within " + LIMIT + "; hub log " + hub.log() + ":\n" + hub.tail(40));
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));

        Map<String, Integer> summary = new TreeMap<>();
        for (String line : output) {
            Matcher m = SUMMARY.matcher(line.strip());
            if (m.matches()) {
                summary.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        String shown = String.join("\n", output.subList(Math.max(0, output.size() - 60), output.size()));
        assertEquals(0, npm.exitValue(), "npm test exited with " + npm.exitValue() + ":\n" + shown);
        assertTrue(summary.containsKey("tests") && summary.containsKey("pass") && summary.containsKey("fail"),
                "no test summary from node's test runner in:\n" + shown);
        int tests = summary.get("tests");
        assertTrue(tests > 0, "node ran no tests: " + summary);
        assertEquals(0, summary.get("fail"), "failing tests: " + summary);
        assertEquals(0, summary.getOrDefault("cancelled", 0), "cancelled tests: " + summary);
        assertEquals(tests, summary.get("pass"), "every test passed, none skipped: " + summary);
        System.out.println("[sync-it] the TypeScript client's tests: " + summary);
    }
}
