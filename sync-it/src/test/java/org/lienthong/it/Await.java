package org.lienthong.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling assertions: ask every 20 ms until the answer is there or the time is up. */
final class Await {

    static final Duration POLL = Duration.ofMillis(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Await() {
    }

    /** Waits until {@code condition} holds. Exceptions count as "not yet" (a hub may be restarting). */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until {@code probe} gives a value and returns it. Exceptions count as "not yet". */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return await(what, timeout, POLL, probe);
    }

    static <T> T await(String what, Duration timeout, Duration every, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what
                        + (last == null ? "" : " (last error: " + last + ")"), last);
            }
            Hub.sleep(every.toMillis());
        }
    }

    /**
     * Polls {@code url} every 100 ms until it answers 200 and returns the body; fails, with the last lines of
     * {@code log}, when {@code process} ends first or the time is up (the caller stops the process then).
     */
    static String ok(String what, Process process, Path log, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(what + " exited with status " + process.exitValue() + " before " + url + " answered 200. Last"
                        + " lines of " + log + ":\n" + tail(log, 60));
            }
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Hub.sleep(100);
        }
        throw new AssertionError(what + ": " + url + " did not answer 200 within " + timeout.toSeconds() + " s (last: "
                + last + "). Last lines of " + log + ":\n" + tail(log, 60));
    }

    /** The last {@code lines} lines of a log file. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }
}
