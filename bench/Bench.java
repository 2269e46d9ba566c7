/*
 * Lienthong benchmark: measures a running hub and reports numbers (it is not a test; nothing here passes or fails).
 * Run it through bench/run, which starts PostgreSQL and the hub and passes the arguments:
 *
 *   java bench/Bench.java <hubUrl> <tokenFile> <psql command...>
 *
 * Environment: BENCH_RECORDS (default 100000), BENCH_WARMUP_RECORDS (20000), BENCH_SECONDS per load phase (default
 * 15), BENCH_WARMUP_SECONDS (10, before each), BENCH_PHASES (default
 * all: ingest,http,feed,observations,sync), the BENCH_OBS_* and BENCH_CROSSING* knobs of the early-warning phases (see
 * bench/README.md), BENCH_SYNC_RECORDS (default 50000), BENCH_SYNC_HUB and BENCH_SYNC_DB (the second hub and its
 * database, started by bench/run for the sync phase), HUB_PID (for RSS and CPU), PG_PID (the postmaster, for CPU), HUB_START_SECONDS (measured by
 * bench/run), BENCH_LOAD_BEFORE and BENCH_BUILDS_BEFORE (machine load when bench/run began), BENCH_OUT (Markdown file
 * to write).
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
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {

    static String hub;
    static String token;
    static final Pattern CREATED = Pattern.compile("\"created\":(\\d+)");
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
        List<String> phases = Arrays
                .asList(env("BENCH_PHASES", "ingest,http,feed,observations,sync").split("\\s*,\\s*"));
        double ingestRate = 0;

        // 1. ingest vs COPY, both warmed up: a first round of other records (ingest and COPY) runs unmeasured
        if (phases.contains("ingest")) {
            int warm = Integer.parseInt(env("BENCH_WARMUP_RECORDS", "20000"));
            List<String> warmup = new ArrayList<>(warm);
            for (int i = 0; i < warm; i++) {
                warmup.add(incident(runId + "w", i));
            }
            ingest(warmup, 1000, 4);
            copy(warmup);
            List<String> lines = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                lines.add(incident(runId, i));
            }
            Cpu before = Cpu.now();
            long begin = System.nanoTime();
            double ingest = ingest(lines, 1000, 4);
            double wall = (System.nanoTime() - begin) / 1e9;
            Cpu cpu = Cpu.now().minus(before);
            ingestRate = ingest;
            double copy = copy(lines);
            row("Ingest, " + fmt(records) + " incidents, batches of 1 000, 4 clients (after " + fmt(warm)
                    + " unmeasured)", fmt(ingest) + " records/s", "≥ 10 000 records/s", ingest >= 10_000);
            row("PostgreSQL COPY of the same NDJSON into one jsonb column (after a warm-up COPY)",
                    fmt(copy) + " records/s", "baseline", null);
            row("Ingest ÷ COPY", String.format("%.2f", ingest / copy), "≥ 0.3 (moonshot 0.5)", ingest / copy >= 0.3);
            row("CPU seconds used during the ingest (" + cores() + " cores × wall = "
                    + String.format("%.1f", cores() * wall) + " s)", cpu.summary(wall), "", null);
        }

        // 2. single-record create, get-by-id and the HTTP floor, 32 clients
        if (phases.contains("http")) {
            List<String> ids = new ArrayList<>();
            post("/api/v1/incidents", single(runId, 1_000_000), "application/json", 201, ids);
            boolean wrk = new ProcessBuilder("sh", "-c", "command -v wrk").start().waitFor() == 0;
            String generator = wrk ? "wrk (-t2 -c32)" : "the built-in Java client";
            Load create = wrk ? wrk("create", seconds, "/api/v1/incidents", single(runId, 0))
                    : load("create", 32, seconds, i -> post("/api/v1/incidents", single(runId, i),
                            "application/json", 201, ids));
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
        }

        // 3. change feed: drain everything from the beginning
        if (phases.contains("feed")) {
            drainFeed(20); // warm-up: the first 20 pages, unmeasured
            double feed = drainFeed(Integer.MAX_VALUE);
            copyOut(); // warm-up
            double raw = copyOut();
            row("Change feed, draining from the start (pages of 1 000, after 20 unmeasured pages)",
                    fmt(feed) + " changes/s", "", null);
            row("PostgreSQL COPY (select * from record_version order by txid, seq) TO a file (after a warm-up COPY)",
                    fmt(raw) + " rows/s", "baseline", null);
            row("Feed drain ÷ COPY TO", String.format("%.2f", feed / raw), "≥ 0.25 (moonshot 0.5)",
                    feed / raw >= 0.25);
        }

        // 4. early warning: observation ingest against COPY, then observation → threat latency in the change feed
        if (phases.contains("observations")) {
            observations(runId);
        }

        // 5. initial sync: a second, empty hub pulls what the first one holds through a hub-peer instance
        if (phases.contains("sync")) {
            sync(runId, Integer.parseInt(env("BENCH_SYNC_RECORDS", "50000")), ingestRate);
        }

        // 6. memory and start-up
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

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

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
                    postBatch("/api/v1/ingest", "application/x-ndjson", body, created, failures);
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

    /**
     * Ingests {@code records} threats (their own kind, so that the second hub pulls exactly these), then creates a
     * hub-peer pull instance on the second hub (BENCH_SYNC_HUB, an empty database BENCH_SYNC_DB on the same server)
     * and times it from the instance's creation until that hub holds all of them.
     */
    static void sync(String run, int records, double ingestRate) throws Exception {
        String second = System.getenv("BENCH_SYNC_HUB");
        if (second == null) {
            throw new IllegalStateException("sync: no second hub (BENCH_SYNC_HUB); bench/run starts one");
        }
        List<String> lines = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            lines.add(threat(run + "-sync", i).replaceFirst("\\{", "{\"kind\":\"threat\",\"sourceRef\":{\"system\":\"bench-"
                    + run + "-sync\",\"id\":\"" + i + "\"},"));
        }
        double threatIngest = ingest(lines, 1000, 4);
        String count = "select count(*) from record_head where kind = 'threat'";
        String db = env("BENCH_SYNC_DB", "");
        List<String> psqlSecond = new ArrayList<>(psql);
        psqlSecond.set(psqlSecond.indexOf("-d") + 1, db);
        long before = Long.parseLong(psqlValue(psqlSecond, count));
        String instance = "{\"name\":\"bench-pull\",\"type\":\"hub-peer\",\"config\":{\"url\":\"" + hub
                + "\",\"token\":\"" + token + "\",\"direction\":\"pull\",\"kinds\":[\"threat\"],"
                + "\"intervalSeconds\":1,\"batchSize\":1000},\"actAs\":{\"org\":\"vn\",\"clearance\":\"restricted\"}}";
        Cpu cpuBefore = Cpu.now();
        double secondBefore = Cpu.ticks(System.getenv("BENCH_SYNC_PID"), false) / Cpu.TICK;
        long begin = System.nanoTime();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(second + "/api/v1/connectors"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("sync: creating the hub-peer instance: " + created.statusCode() + " "
                    + created.body());
        }
        long held = before;
        long deadline = begin + Duration.ofMinutes(15).toNanos();
        while (held < before + records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sync: the second hub holds " + (held - before) + " of " + records
                        + " after 15 minutes");
            }
            Thread.sleep(100);
            held = Long.parseLong(psqlValue(psqlSecond, count));
        }
        double secs = (System.nanoTime() - begin) / 1e9;
        Cpu cpu = Cpu.now().minus(cpuBefore);
        double secondCpu = Cpu.ticks(System.getenv("BENCH_SYNC_PID"), false) / Cpu.TICK - secondBefore;
        double rate = records / secs;
        System.out.printf("sync: %d records in %.2f s (their ingest: %.0f records/s)%n", records, secs, threatIngest);
        row("CPU during the initial sync", String.format(
                "first hub (the feed) %.1f s, second hub (the pull) %.1f s, PostgreSQL %.1f s in %.1f s", cpu.hub(),
                secondCpu, cpu.postgres(), secs), "", null);
        row("Initial sync of " + fmt(records) + " records (threats) to a second, empty hub (hub-peer pull, pages of 1 000)",
                fmt(rate) + " records/s", "≥ 0.5 × ingest", ingestRate > 0 ? rate >= 0.5 * ingestRate : null);
        row("Ingest of those " + fmt(records) + " threats into the first hub, batches of 1 000, 4 clients",
                fmt(threatIngest) + " records/s", "", null);
        if (ingestRate > 0) {
            row("Initial sync ÷ ingest", String.format("%.2f", rate / ingestRate), "≥ 0.5 (moonshot 1)",
                    rate / ingestRate >= 0.5);
        }
        row("Initial sync ÷ ingest of the same threats", String.format("%.2f", rate / threatIngest), "", null);
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

    /** Rows of the version table in feed order, written by the server's COPY to a client-side file. */
    static double copyOut() throws Exception {
        Path file = Files.createTempFile("bench-copy-out", ".tsv");
        file.toFile().setWritable(true, false);
        long rows = Long.parseLong(psqlValue("select count(*) from record_version"));
        long begin = System.nanoTime();
        psqlRun("\\copy (select * from record_version order by txid, seq) to '" + file + "'");
        double secs = (System.nanoTime() - begin) / 1e9;
        Files.delete(file);
        System.out.printf("copy out: %d rows in %.2f s%n", rows, secs);
        return rows / secs;
    }

    /** Drains the change feed from the start, at most {@code maxPages} pages; changes per second. */
    static double drainFeed(int maxPages) throws Exception {
        String after = null;
        long changes = 0;
        long begin = System.nanoTime();
        for (int page = 0; page < maxPages; page++) {
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

    // ---------------------------------------------------------------- early warning

    static final String INDICATOR = "water-level";

    /**
     * Stations and flood rules, then the observation ingest (timed), the evaluation of what it queued, the COPY
     * reference of the same rows, and the latency from an observation's 200 to its threat version in the change feed,
     * against the same latency for a threat created through the API.
     */
    static void observations(String runId) throws Exception {
        int stations = Integer.parseInt(env("BENCH_OBS_STATIONS", "100"));
        int perStation = Integer.parseInt(env("BENCH_OBS_READINGS", "1000"));
        int batch = Integer.parseInt(env("BENCH_OBS_BATCH", "2000"));
        String format = env("BENCH_OBS_FORMAT", "ndjson").toLowerCase(Locale.ROOT);
        boolean byStation = env("BENCH_OBS_ORDER", "time").equalsIgnoreCase("station");
        int clients = Integer.parseInt(env("BENCH_OBS_CLIENTS", "4"));
        int perRule = Integer.parseInt(env("BENCH_OBS_STATIONS_PER_RULE", "10"));
        int evalTimeout = Integer.parseInt(env("BENCH_OBS_EVAL_TIMEOUT", "600"));
        int warmup = Integer.parseInt(env("BENCH_OBS_WARMUP_STATIONS", "10"));
        int crossings = Integer.parseInt(env("BENCH_CROSSINGS", "200"));
        int intervalMs = Integer.parseInt(env("BENCH_CROSSING_INTERVAL_MS", "200"));
        if (!format.equals("ndjson") && !format.equals("json")) {
            throw new IllegalArgumentException("BENCH_OBS_FORMAT must be ndjson or json, not " + format);
        }

        // readings every 10 minutes, ending well before now (a reading may not be more than a day ahead of the hub)
        int rounds = (crossings + stations - 1) / stations;
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(10L * (perStation + rounds
                + 12)));
        String type = format.equals("json") ? "application/json" : "application/x-ndjson";

        // warm-up, not timed: other stations under rules of their own, in the same months (their partitions are made
        // here) and through the same code, until their evaluation is done
        if (warmup > 0) {
            List<String> warm = register("bench-" + runId + ".w", warmup, perRule, t0);
            sendObservations(bodies(warm, perStation, t0, batch, format, byStation, null), type, clients,
                    warmup * perStation);
            double warmed = awaitEvaluated(evalTimeout);
            System.out.printf("warm-up: %d readings at %d other stations, evaluated %.2f s after%n",
                    warmup * perStation, warmup, warmed);
        }
        long episodesBefore = Long.parseLong(psqlValue("select count(*) from warning_episode"));
        long derivedBefore = Long.parseLong(psqlValue("select count(*) from record_version where activity = 'derive'"));

        List<String> codes = register("bench-" + runId + ".s", stations, perRule, t0);
        int rules = (stations + perRule - 1) / perRule;
        int total = stations * perStation;
        StringBuilder csv = new StringBuilder(total * 64);
        List<String> bodies = bodies(codes, perStation, t0, batch, format, byStation, csv);

        Cpu before = Cpu.now();
        long begin = System.nanoTime();
        sendObservations(bodies, type, clients, total);
        long ingested = System.nanoTime();
        Cpu during = Cpu.now().minus(before);
        double ingestSecs = (ingested - begin) / 1e9;
        double rate = total / ingestSecs;
        System.out.printf("observations: %d readings in %.2f s (%s, %s order, batches of %d, %d clients); %s%n",
                total, ingestSecs, format, byStation ? "station" : "time", batch, clients,
                during.summary(ingestSecs));

        // the evaluation of what the ingest queued goes on after its last 200
        double drained = awaitEvaluated(evalTimeout);
        long evaluated = System.nanoTime();
        Cpu evaluation = Cpu.now().minus(before).minus(during);
        long episodes = Long.parseLong(psqlValue("select count(*) from warning_episode")) - episodesBefore;
        long derived = Long.parseLong(psqlValue("select count(*) from record_version where activity = 'derive'"))
                - derivedBefore;
        System.out.printf("evaluation: queue empty %s after the last 200; %d episodes, %d threat versions; %s%n",
                drained < 0 ? "not within " + evalTimeout + " s" : String.format("%.2f s", drained), episodes,
                derived, evaluation.summary(drained < 0 ? evalTimeout : drained));

        double copy = copyObservations(csv.toString(), total);

        String what = fmt(total) + " readings (" + fmt(stations) + " stations × " + fmt(perStation) + "), "
                + (byStation ? "station by station" : "in time order") + ", " + format.toUpperCase(Locale.ROOT)
                + " batches of " + fmt(batch) + ", " + clients + " clients, " + rules + " flood rules";
        row("Observation ingest, " + what, fmt(rate) + " readings/s", "well above 5 000 readings/s", rate >= 5_000);
        row("PostgreSQL COPY of the same rows into a plain 4-column table", fmt(copy) + " rows/s", "baseline", null);
        row("Observation ingest ÷ COPY", String.format("%.2f", rate / copy), "≥ 0.3 (moonshot 0.5)",
                rate / copy >= 0.3);
        row("CPU seconds used during the observation ingest (" + cores() + " cores × wall = "
                + String.format("%.1f", cores() * ingestSecs) + " s)",
                during.summary(ingestSecs), "", null);
        row("Evaluation of the ingested readings, after the ingest's last 200",
                (drained < 0 ? "queue not empty after " + evalTimeout + " s"
                        : String.format("queue empty after %.1f s (ingest + evaluation: %s readings/s)", drained,
                                fmt(total / ((evaluated - begin) / 1e9))))
                        + "; " + episodes + " episodes, " + derived + " threat versions",
                "", null);

        // observation → threat: single readings that cross the lowest level (up, then down: the episode ends), each at
        // another station, at a steady pace; then, as the reference, threats created through the API at the same pace
        Instant last = t0.plus(Duration.ofMinutes(10L * (perStation - 1)));
        Latency crossing = latency(crossings, intervalMs, k -> {
            int s = k % stations;
            int round = k / stations;
            String time = last.plus(Duration.ofMinutes(10L * (round + 1))).toString();
            String body = "[" + reading(codes.get(s), time, round % 2 == 0 ? "3.50" : "2.00") + "]";
            HttpResponse<String> r = HTTP.send(request("/api/v1/observations").header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("\"created\":1")) {
                throw new IllegalStateException("crossing: " + r.statusCode() + " " + r.body());
            }
            return "obs:" + codes.get(s) + "@" + Instant.parse(time);
        });
        System.out.println("observation → threat: " + crossing.summary());
        Latency reference = latency(crossings, intervalMs, k -> {
            HttpResponse<String> r = HTTP.send(request("/api/v1/threats").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(threat(runId, k))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("threat: " + r.statusCode() + " " + r.body());
            }
            return "id:" + r.body().substring(7, 43); // {"id":"<uuid>" comes first
        });
        System.out.println("threat POST → feed: " + reference.summary());
        String pace = new java.math.BigDecimal(1000.0 / intervalMs).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString() + "/s";
        row("Observation → its threat version in the change feed (long-poll, kinds=threat): " + fmt(crossings)
                + " single readings crossing a level at different stations, " + pace, crossing.summary(),
                "p99 < 2 s", crossing.missing() == 0 && crossing.p99() < 2000);
        row("Reference: threat created by POST → change feed (long-poll): " + fmt(crossings) + " threats, " + pace,
                reference.summary(), "", null);
        row("Observation → threat ÷ reference, p99", String.format("%.2f", crossing.p99() / reference.p99()), "",
                null);
    }

    /** Registers {@code n} stations {@code <prefix>000…} and a flood rule for each {@code perRule} of them. */
    static List<String> register(String prefix, int n, int perRule, Instant t0) throws Exception {
        List<String> codes = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            codes.add(prefix + String.format("%03d", s));
            post("/api/v1/stations", station(codes.get(s), s), "application/json", 201, new ArrayList<>());
        }
        for (int from = 0; from < n; from += perRule) {
            post("/api/v1/warning-rules", floodRule(codes.subList(from, Math.min(n, from + perRule)), from / perRule,
                    t0.minus(Duration.ofDays(1))), "application/json", 201, new ArrayList<>());
        }
        awaitEvaluated(60); // a new rule queues its stations
        return codes;
    }

    /**
     * The request bodies of {@code perStation} readings at each station from {@code t0}, every 10 minutes: time-major,
     * as a collection system forwards them (every station's reading of one time step, then the next), or with
     * {@code byStation} each station's whole series, then the next station's, as a backfill would. With {@code csv},
     * the same rows as CSV too.
     */
    static List<String> bodies(List<String> codes, int perStation, Instant t0, int batch, String format,
            boolean byStation, StringBuilder csv) {
        int stations = codes.size();
        int total = stations * perStation;
        String[] items = new String[total];
        for (int i = 0; i < perStation; i++) {
            String time = t0.plus(Duration.ofMinutes(10L * i)).toString();
            for (int s = 0; s < stations; s++) {
                String value = String.format(Locale.ROOT, "%.2f", level(s, i));
                items[byStation ? s * perStation + i : i * stations + s] = reading(codes.get(s), time, value);
                if (csv != null) {
                    csv.append(codes.get(s)).append(',').append(INDICATOR).append(',').append(time).append(',')
                            .append(value).append('\n');
                }
            }
        }
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < total; from += batch) {
            List<String> part = Arrays.asList(items).subList(from, Math.min(total, from + batch));
            bodies.add(format.equals("json") ? "[" + String.join(",", part) + "]" : String.join("\n", part) + "\n");
        }
        return bodies;
    }

    /**
     * POSTs one batch body; adds the answer's {@code created} count to {@code created}, or what went wrong to
     * {@code failures} (a status other than 200, an answer without a count, an I/O error).
     */
    static void postBatch(String path, String type, String body, AtomicLong created, java.util.Collection<String> failures) {
        try {
            HttpResponse<String> r = HTTP.send(request(path).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CREATED.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                failures.add(r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
            } else {
                created.addAndGet(Long.parseLong(m.group(1)));
            }
        } catch (Exception e) {
            failures.add(e.toString());
        }
    }

    static String station(String code, int s) {
        return "{\"code\":\"" + code + "\",\"name\":\"Trạm đo mực nước số " + s + "\",\"classification\":\"public\","
                + "\"location\":{\"description\":\"Sông Thu Bồn, điểm " + s + "\",\"adminCodes\":[\"49\"],"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[108." + (100 + s) + ",15.88]}}}";
    }

    /**
     * Flood levels BĐ1–BĐ3 at 3, 4 and 5 m as risk levels 2–4, each cleared 0.2 m lower; the first at once, the
     * higher ones held for 30 minutes and an hour.
     */
    static String floodRule(List<String> stations, int n, Instant effectiveFrom) {
        return "{\"name\":\"Lũ sông Thu Bồn, nhóm " + n + "\",\"indicator\":\"" + INDICATOR + "\",\"stations\":[\""
                + String.join("\",\"", stations) + "\"],"
                + "\"levels\":[{\"riskLevel\":2,\"above\":3.0,\"clear\":2.8,\"for\":\"PT0S\"},"
                + "{\"riskLevel\":3,\"above\":4.0,\"clear\":3.8,\"for\":\"PT30M\"},"
                + "{\"riskLevel\":4,\"above\":5.0,\"clear\":4.8,\"for\":\"PT1H\"}],"
                + "\"hazardCode\":\"MH0600\",\"domain\":\"climate\",\"classification\":\"public\","
                + "\"title\":\"Lũ tại {station.name}: {value} {unit}, cấp {riskLevel}\","
                + "\"effectiveFrom\":\"" + effectiveFrom + "\"}";
    }

    /**
     * The water level at station {@code s}, reading {@code i}: 1.5 m with two flood waves 3.5 days apart (each about
     * 33 hours long, shifted by station), of a crest that grows with {@code s % 10}: none at 0 and 1, level 2 at 2 and
     * 3, level 3 at 4 and 5, level 4 from 6 on; ±0.05 m of noise, well inside the 0.2 m hysteresis band. The first and
     * the last readings of every station are low.
     */
    static double level(int s, int i) {
        double crest = 1.0 + (s % 10) * 0.45;
        int x = (i + (s * 7) % 141) % 500;
        double wave = x < 150 || x > 350 ? 0 : 0.5 - 0.5 * Math.cos(2 * Math.PI * (x - 150) / 200.0);
        double noise = 0.05 * (((i * 7919L + s * 104_729L) % 11) - 5) / 5.0;
        return 1.5 + crest * wave + noise;
    }

    static String reading(String station, String time, String value) {
        return "{\"station\":\"" + station + "\",\"indicator\":\"" + INDICATOR + "\",\"time\":\"" + time
                + "\",\"value\":" + value + "}";
    }

    static String threat(String run, int k) {
        return "{\"title\":\"Cảnh báo lũ thử nghiệm " + run + " số " + k + "\",\"hazardCode\":\"MH0600\","
                + "\"domain\":\"climate\",\"status\":\"warning\",\"riskLevel\":2,\"classification\":\"public\","
                + "\"areas\":[{\"description\":\"Sông Thu Bồn\",\"adminCodes\":[\"49\"]}]}";
    }

    static void sendObservations(List<String> bodies, String type, int clients, int total) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong created = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                int b;
                while ((b = next.getAndIncrement()) < bodies.size()) {
                    postBatch("/api/v1/observations", type, bodies.get(b), created, failures);
                    sampleRss();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty() || created.get() != total) {
            throw new IllegalStateException("observations: created " + created + " of " + total + "; " + failures);
        }
    }

    /** Seconds from now until the evaluation queue is empty; -1 when it is not within {@code timeout} seconds. */
    static double awaitEvaluated(int timeout) throws Exception {
        long begin = System.nanoTime();
        while (!psqlValue("select count(*) from evaluation_queue").equals("0")) {
            if (System.nanoTime() - begin > timeout * 1_000_000_000L) {
                return -1;
            }
            sampleRss();
            Thread.sleep(100);
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    static double copyObservations(String csv, int rows) throws Exception {
        Path file = Files.createTempFile("bench-copy-obs", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        file.toFile().setReadable(true, false);
        psqlRun("drop table if exists bench_observation; create table bench_observation (station text,"
                + " indicator text, time timestamptz, value float8)");
        long begin = System.nanoTime();
        psqlRun("\\copy bench_observation (station, indicator, time, value) from '" + file + "' with (format csv)");
        double secs = (System.nanoTime() - begin) / 1e9;
        String copied = psqlValue("select count(*) from bench_observation");
        psqlRun("drop table bench_observation");
        Files.delete(file);
        if (!copied.equals(Integer.toString(rows))) {
            throw new IllegalStateException("copy: " + copied + " rows of " + rows);
        }
        System.out.printf("copy observations: %d rows in %.2f s%n", rows, secs);
        return rows / secs;
    }

    interface Send {
        /** Sends the {@code k}-th write and returns the key its change will have in the feed. */
        String send(int k) throws Exception;
    }

    record Latency(int count, int missing, double p50, double p99, double max) {
        String summary() {
            return String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms", p50, p99, max)
                    + (missing > 0 ? " (**" + missing + " of " + count + " never seen**)" : "");
        }
    }

    /**
     * Sends {@code count} writes, one every {@code intervalMs}, while a client follows the change feed
     * ({@code kinds=threat}, {@code wait=30}) from its end; each write's latency is from its answer to the moment its
     * change arrives at the follower.
     */
    static Latency latency(int count, int intervalMs, Send send) throws Exception {
        String start = feedEnd();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        Map<String, Long> answered = new ConcurrentHashMap<>();
        AtomicInteger polls = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread follower = Thread.ofPlatform().daemon().start(() -> {
            String after = start;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    HttpResponse<String> r = HTTP.send(request("/api/v1/changes?kinds=threat&limit=1000&wait=30&after="
                            + after).GET().build(), HttpResponse.BodyHandlers.ofString());
                    long now = System.nanoTime();
                    if (r.statusCode() != 200) {
                        failures.add("feed: " + r.statusCode() + " " + r.body());
                        return;
                    }
                    for (String key : changeKeys(r.body())) {
                        seen.putIfAbsent(key, now);
                    }
                    after = next(r.body());
                    polls.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.add(e.toString());
                    return;
                }
            }
        });
        // the follower's first long-poll is waiting before the first write
        Thread.sleep(300);
        long begin = System.nanoTime();
        for (int k = 0; k < count; k++) {
            long due = begin + k * intervalMs * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String key = send.send(k);
            answered.put(key, System.nanoTime());
            if ((k & 31) == 0) {
                sampleRss();
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!seen.keySet().containsAll(answered.keySet()) && System.nanoTime() < deadline && failures.isEmpty()) {
            Thread.sleep(20);
        }
        follower.interrupt();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("follower: " + failures.peek());
        }
        long[] micros = answered.entrySet().stream().filter(e -> seen.containsKey(e.getKey()))
                .mapToLong(e -> Math.max(0, seen.get(e.getKey()) - e.getValue()) / 1000).sorted().toArray();
        return new Latency(count, count - micros.length, Load.pct(micros, 0.50), Load.pct(micros, 0.99),
                micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
    }

    /** The keys of a feed page's changes: {@code id:<uuid>}, and {@code obs:<station>@<time>} for derived ones. */
    static List<String> changeKeys(String page) {
        List<String> keys = new ArrayList<>();
        Matcher change = Pattern.compile("\\{\"cursor\":\"[^\"]*\",\"kind\":\"[a-z]+\",\"id\":\"([^\"]+)\"")
                .matcher(page);
        List<int[]> spans = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (change.find()) {
            spans.add(new int[] { change.start(), page.length() });
            ids.add(change.group(1));
        }
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : page.length();
            keys.add("id:" + ids.get(i));
            String one = page.substring(spans.get(i)[0], end);
            int d = one.indexOf("\"derivation\":{");
            if (d >= 0) {
                String derivation = one.substring(d, one.indexOf('}', d));
                Matcher station = Pattern.compile("\"station\":\"([^\"]+)\"").matcher(derivation);
                Matcher to = Pattern.compile("\"to\":\"([^\"]+)\"").matcher(derivation);
                if (station.find() && to.find()) {
                    keys.add("obs:" + station.group(1) + "@" + Instant.parse(to.group(1)));
                }
            }
        }
        return keys;
    }

    static String next(String page) {
        Matcher next = Pattern.compile("\"next\":\"([^\"]+)\",\"more\":(true|false)").matcher(page);
        if (!next.find()) {
            throw new IllegalStateException("feed: no next in " + page.substring(Math.max(0, page.length() - 200)));
        }
        return next.group(1);
    }

    /** The cursor at the end of the change feed's threats now. */
    static String feedEnd() throws Exception {
        String after = null;
        while (true) {
            String path = "/api/v1/changes?kinds=threat&limit=1000" + (after == null ? "" : "&after=" + after);
            HttpResponse<String> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("feed: " + r.statusCode() + " " + r.body());
            }
            after = next(r.body());
            if (r.body().contains("\",\"more\":false")) {
                return after;
            }
        }
    }

    /** CPU seconds used so far by the hub, by PostgreSQL (postmaster and backends, live and ended) and by this JVM. */
    record Cpu(double hub, double postgres, double self) {
        static final double TICK = 100.0; // USER_HZ on Linux

        static Cpu now() {
            double hub = ticks(System.getenv("HUB_PID"), false);
            String pg = System.getenv("PG_PID");
            double postgres = ticks(pg, true);
            if (pg != null) {
                try (var dirs = Files.list(Path.of("/proc"))) {
                    for (Path d : (Iterable<Path>) dirs::iterator) {
                        String name = d.getFileName().toString();
                        if (name.chars().allMatch(Character::isDigit) && pg.equals(field(name, 4))) {
                            postgres += ticks(name, false);
                        }
                    }
                } catch (IOException e) {
                    // no /proc: nothing to count
                }
            }
            return new Cpu(hub / TICK, postgres / TICK, ticks(Long.toString(ProcessHandle.current().pid()), false)
                    / TICK);
        }

        /** utime + stime, and with {@code children} the ended children's too. */
        static double ticks(String pid, boolean children) {
            if (pid == null) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields after the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17)
                double t = Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
                return children ? t + Double.parseDouble(f[13]) + Double.parseDouble(f[14]) : t;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** Field {@code n} (1-based, as proc(5) counts) of a process's stat line. */
        static String field(String pid, int n) {
            try {
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[n - 3];
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        Cpu minus(Cpu o) {
            return new Cpu(hub - o.hub, postgres - o.postgres, self - o.self);
        }

        String summary(double wall) {
            return String.format("hub %.1f s, PostgreSQL %.1f s, load generator %.1f s of CPU in %.1f s", hub,
                    postgres, self, wall);
        }
    }

    static String psqlValue(String sql) throws IOException, InterruptedException {
        return psqlValue(psql, sql);
    }

    static String psqlValue(List<String> psql, String sql) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(psql);
        cmd.addAll(List.of("-t", "-A", "-c", sql));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return out;
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
    static final int WARMUP_SECONDS = Integer.parseInt(env("BENCH_WARMUP_SECONDS", "10"));

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
        // warm-up, unmeasured: long enough for the JIT to finish compiling the path (on this 2-core machine C2 takes
        // up to 1.8 s for one of the request path's methods, JFR jdk.Compilation)
        new ProcessBuilder(List.of("wrk", "-t2", "-c32", "-d" + WARMUP_SECONDS + "s", "-s", script.toString(),
                hub + path)).redirectErrorStream(true).start().waitFor();
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
                    + env("BENCH_MACHINE", "") + "\n\n" + load() + "\n\n";
            Files.writeString(Path.of(out), header + md + "\n");
        }
    }

    /** The machine's load when bench/run began and now, and how many other builds (Maven, test JVMs) were running. */
    static String load() {
        String now;
        try {
            now = String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            now = "?";
        }
        System.out.println("load average now: " + now + "; other builds running: " + builds());
        return "Load average (1, 5, 15 min): " + env("BENCH_LOAD_BEFORE", "?") + " when bench/run began, " + now
                + " at the end; other Maven builds and test JVMs running (not this benchmark's): "
                + env("BENCH_BUILDS_BEFORE", "?") + " at the start, " + builds() + " at the end.";
    }

    static String builds() {
        try {
            Process p = new ProcessBuilder("pgrep", "-fc", BUILDS).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out.isEmpty() ? "?" : out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /** What a Maven build or a forked test JVM has on its command line (bench/run uses the same pattern). */
    static final String BUILDS = "plexus.classworlds.launcher|surefirebooter|failsafe";

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String fmt(double v) {
        return String.format("%,.0f", v);
    }
}
