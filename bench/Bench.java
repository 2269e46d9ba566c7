/*
 * Lienthong benchmark: measures a running hub and reports numbers (it is not a test; nothing here passes or fails).
 * Run it through bench/run, which starts PostgreSQL and the hub and passes the arguments:
 *
 *   java bench/Bench.java <hubUrl> <tokenFile> <psql command...>
 *
 * Environment: BENCH_RECORDS (default 100000), BENCH_SECONDS per load phase (default 15), HUB_PID (for RSS),
 * HUB_START_SECONDS (measured by bench/run), BENCH_OUT (Markdown file to write).
 */
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {

    static String hub;
    static String token;
    static List<String> psql;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final List<String[]> ROWS = new ArrayList<>();
    static long peakRssKb;

    public static void main(String[] args) throws Exception {
        hub = args[0];
        token = Files.readString(Path.of(args[1])).strip();
        psql = Arrays.asList(args).subList(2, args.length);
        int records = Integer.parseInt(env("BENCH_RECORDS", "100000"));
        int seconds = Integer.parseInt(env("BENCH_SECONDS", "15"));
        String runId = Long.toString(System.currentTimeMillis(), 36);

        // 1. ingest vs COPY
        List<String> lines = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            lines.add(incident(runId, i));
        }
        double ingest = ingest(lines, 1000, 4);
        double copy = copy(lines);
        row("Ingest, " + fmt(records) + " incidents, batches of 1 000, 4 clients", fmt(ingest) + " records/s",
                "≥ 10 000 records/s", ingest >= 10_000);
        row("PostgreSQL COPY of the same NDJSON into one jsonb column", fmt(copy) + " records/s", "baseline", null);
        row("Ingest ÷ COPY", String.format("%.2f", ingest / copy), "≥ 0.25", ingest / copy >= 0.25);

        // 2. single-record create, get-by-id and the HTTP floor, 32 clients
        List<String> ids = new ArrayList<>();
        post("/api/v1/incidents", single(runId, 1_000_000), "application/json", 201, ids);
        boolean wrk = new ProcessBuilder("sh", "-c", "command -v wrk").start().waitFor() == 0;
        String generator = wrk ? "wrk (-t2 -c32)" : "the built-in Java client";
        Load create = wrk ? wrk("create", seconds, "/api/v1/incidents", single(runId, 0))
                : load("create", 32, seconds, i -> post("/api/v1/incidents", single(runId, i), "application/json",
                        201, ids));
        Load get = wrk ? wrk("get", seconds, "/api/v1/incidents/" + ids.get(0), null)
                : load("get", 32, seconds, i -> getOk("/api/v1/incidents/" + ids.get(i % ids.size())));
        Load health = wrk ? wrk("health", seconds, "/q/health/live", null)
                : load("health", 32, seconds, i -> getOk("/q/health/live"));
        System.out.println("load generator: " + generator);
        row("Create one incident (POST), 32 connections, " + generator, create.summary(), "", null);
        row("Get by id, 32 clients", get.summary(), "≥ 0.3 × floor, p99 < 20 ms",
                get.rate() >= 0.3 * health.rate() && get.p99() < 20);
        row("HTTP floor: /q/health/live, 32 clients", health.summary(), "", null);
        row("Get by id ÷ floor", String.format("%.2f", get.rate() / health.rate()), "≥ 0.3",
                get.rate() / health.rate() >= 0.3);

        // 3. change feed: drain everything from the beginning
        double feed = drainFeed();
        row("Change feed, draining from the start (pages of 1 000)", fmt(feed) + " changes/s", "≥ 30 000 changes/s",
                feed >= 30_000);

        // 4. memory and start-up
        sampleRss();
        row("Hub resident memory, peak sampled during the runs", peakRssKb / 1024 + " MB", "≤ 400 MB",
                peakRssKb > 0 && peakRssKb / 1024 <= 400);
        String start = env("HUB_START_SECONDS", "");
        if (!start.isEmpty()) {
            row("Hub start-up (launch to /q/health/ready = 200)", start + " s", "", null);
        }
        report();
    }

    // ---------------------------------------------------------------- workloads

    static String incident(String run, int i) {
        return "{\"kind\":\"incident\",\"sourceRef\":{\"system\":\"bench-" + run + "\",\"id\":\"" + i + "\"},"
                + "\"title\":\"Lũ quét tại xã Trà Leng, sự cố số " + i + "\",\"hazardCode\":\"MH0600\","
                + "\"domain\":\"water\",\"status\":\"responding\",\"riskLevel\":" + (1 + i % 5) + ","
                + "\"occurredAt\":\"2026-11-21T22:40:00Z\",\"location\":{\"description\":\"Thôn " + (i % 12)
                + ", xã Trà Leng\",\"adminCodes\":[\"48\",\"48." + (i % 300) + "\"],\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[108." + (i % 1000) + ",15.27]}},\"impacts\":[{\"metric\":\"evacuated\",\"value\":"
                + (i % 2000) + ",\"unit\":\"people\"},{\"metric\":\"housesDamaged\",\"value\":" + (i % 90)
                + ",\"estimated\":true}]}";
    }

    static String single(String run, int i) {
        return incident(run + "s", i).replace("\"kind\":\"incident\",", "")
                .replaceFirst("\"sourceRef\":\\{[^}]*\\},", "");
    }

    static double ingest(List<String> lines, int batch, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong created = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long begin = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                int b;
                while ((b = next.getAndIncrement()) * batch < lines.size()) {
                    String body = String.join("\n", lines.subList(b * batch, Math.min(lines.size(), (b + 1) * batch)))
                            + "\n";
                    try {
                        HttpResponse<String> r = HTTP.send(request("/api/v1/ingest").header("Content-Type",
                                "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        Matcher m = Pattern.compile("\"created\":(\\d+)").matcher(r.body());
                        if (r.statusCode() != 200 || !m.find()) {
                            failures.add(r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
                        } else {
                            created.addAndGet(Long.parseLong(m.group(1)));
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                    sampleRss();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - begin) / 1e9;
        if (!failures.isEmpty() || created.get() != lines.size()) {
            throw new IllegalStateException("ingest: created " + created + " of " + lines.size() + "; " + failures);
        }
        System.out.printf("ingest: %d records in %.2f s%n", lines.size(), secs);
        return lines.size() / secs;
    }

    static double copy(List<String> lines) throws Exception {
        Path file = Files.createTempFile("bench-copy", ".ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        file.toFile().setReadable(true, false);
        psqlRun("drop table if exists bench_copy; create table bench_copy (doc jsonb)");
        long begin = System.nanoTime();
        // csv with a quote and delimiter that never occur, so every line is taken literally
        psqlRun("\\copy bench_copy (doc) from '" + file + "' with (format csv, quote e'\\x01', delimiter e'\\x02')");
        double secs = (System.nanoTime() - begin) / 1e9;
        psqlRun("drop table bench_copy");
        Files.delete(file);
        System.out.printf("copy: %d records in %.2f s%n", lines.size(), secs);
        return lines.size() / secs;
    }

    static void psqlRun(String sql) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(psql);
        cmd.add("-c");
        cmd.add(sql);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
    }

    static double drainFeed() throws Exception {
        String after = null;
        long changes = 0;
        long begin = System.nanoTime();
        while (true) {
            String path = "/api/v1/changes?limit=1000" + (after == null ? "" : "&after=" + after);
            HttpResponse<String> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("feed: " + r.statusCode() + " " + r.body());
            }
            String body = r.body();
            int n = 0;
            for (int i = body.indexOf("\"op\":"); i >= 0; i = body.indexOf("\"op\":", i + 1)) {
                n++;
            }
            changes += n;
            Matcher next = Pattern.compile("\"next\":\"([^\"]+)\",\"more\":(true|false)").matcher(body);
            if (!next.find()) {
                throw new IllegalStateException("feed: no next in " + body.substring(Math.max(0, body.length() - 200)));
            }
            after = next.group(1);
            if (changes % 20_000 < 1000) {
                sampleRss();
            }
            if (next.group(2).equals("false")) {
                break;
            }
        }
        double secs = (System.nanoTime() - begin) / 1e9;
        System.out.printf("feed: %d changes in %.2f s%n", changes, secs);
        return changes / secs;
    }

    // ---------------------------------------------------------------- closed-loop load

    interface Call {
        void run(int i) throws Exception;
    }

    record Load(String name, double rate, double p50, double p99) {
        static Load of(String name, long count, double seconds, long[] sortedMicros) {
            return new Load(name, count / seconds, pct(sortedMicros, 0.50), pct(sortedMicros, 0.99));
        }

        static double pct(long[] sorted, double q) {
            return sorted.length == 0 ? 0
                    : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1000.0;
        }

        String summary() {
            return String.format("%s req/s, p50 %.1f ms, p99 %.1f ms", fmt(rate), p50, p99);
        }
    }

    static Load load(String name, int clients, int seconds, Call call) throws Exception {
        // warm up for 2 s, then measure
        run(clients, 2, call);
        Load l = run(clients, seconds, call);
        System.out.printf("%s: %s%n", name, l.summary());
        return new Load(name, l.rate(), l.p50(), l.p99());
    }

    static Load run(int clients, int seconds, Call call) throws Exception {
        AtomicInteger counter = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        long begin = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread.ofPlatform().start(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        int i = counter.getAndIncrement();
                        long t0 = System.nanoTime();
                        call.run(i);
                        long us = (System.nanoTime() - t0) / 1000;
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = us;
                        if ((i & 1023) == 0) {
                            sampleRss();
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                } finally {
                    all.add(Arrays.copyOf(lat, n));
                    done.countDown();
                }
            });
        }
        done.await();
        double secs = (System.nanoTime() - begin) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("load failures: " + failures.peek());
        }
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return Load.of("", merged.length, secs, merged);
    }

    /** Runs wrk against the hub; its latency percentiles come from wrk's own histogram. */
    static Load wrk(String name, int seconds, String path, String postBody) throws Exception {
        Path script = Files.createTempFile("bench", ".lua");
        StringBuilder lua = new StringBuilder("wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
        if (postBody != null) {
            lua.append("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n")
                    .append("wrk.body = [==[").append(postBody).append("]==]\n");
        }
        Files.writeString(script, lua);
        List<String> cmd = List.of("wrk", "-t2", "-c32", "-d" + seconds + "s", "--latency", "-s", script.toString(),
                hub + path);
        new ProcessBuilder(List.of("wrk", "-t2", "-c32", "-d2s", "-s", script.toString(), hub + path))
                .redirectErrorStream(true).start().waitFor(); // warm-up
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Files.delete(script);
        sampleRss();
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        Matcher p50 = Pattern.compile("\\s50%\\s+([\\d.]+)(us|ms|s)").matcher(out);
        Matcher p99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!rps.find() || !p50.find() || !p99.find() || out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk " + name + ": " + out);
        }
        double rate = Double.parseDouble(rps.group(1));
        System.out.printf("%s: %.0f req/s (wrk)%n", name, rate);
        return new Load(name, rate, micros(p50) / 1000.0, micros(p99) / 1000.0);
    }

    static long micros(Matcher m) {
        double v = Double.parseDouble(m.group(1));
        return Math.round(switch (m.group(2)) {
            case "us" -> v;
            case "ms" -> v * 1000;
            default -> v * 1_000_000;
        });
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(hub + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120));
    }

    static void post(String path, String body, String type, int expect, List<String> ids) throws Exception {
        HttpResponse<String> r = HTTP.send(request(path).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        if (ids.size() < 10_000) {
            synchronized (ids) {
                ids.add(r.body().substring(7, 43)); // {"id":"<uuid>" comes first
            }
        }
    }

    static void getOk(String path) throws Exception {
        HttpResponse<Void> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode());
        }
    }

    // ---------------------------------------------------------------- reporting

    static void sampleRss() {
        String pid = System.getenv("HUB_PID");
        if (pid == null) {
            return;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    synchronized (Bench.class) {
                        peakRssKb = Math.max(peakRssKb, kb);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the hub is gone: nothing to sample
        }
    }

    static void row(String what, String value, String target, Boolean met) {
        ROWS.add(new String[] { what, value, target, met == null ? "" : met ? "met" : "**missed**" });
    }

    static void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| measure | result | target | |\n|---|---|---|---|\n");
        for (String[] r : ROWS) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        System.out.println();
        System.out.println(md);
        String out = System.getenv("BENCH_OUT");
        if (out != null) {
            String header = "## Run of " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n\n"
                    + env("BENCH_MACHINE", "") + "\n\n";
            Files.writeString(Path.of(out), header + md + "\n");
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String fmt(double v) {
        return String.format("%,.0f", v);
    }
}
