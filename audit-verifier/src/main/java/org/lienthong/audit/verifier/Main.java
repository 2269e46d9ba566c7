package org.lienthong.audit.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lienthong.hub.api.json.Json;

/**
 * Checks a Lienthong hub's signed checkpoint against its audit export, offline.
 *
 * <pre>
 * java -jar audit-verifier.jar --key key.pem --checkpoint cp.json --export export.ndjson
 *                              [--earlier old-cp.json] [--record &lt;id&gt;]
 * </pre>
 *
 * Exit status 0 when every check passed ({@code OK …} lines), 1 when one failed (a {@code FAIL …} line each), 2 when
 * the arguments or files could not be used.
 */
public final class Main {

    static final String USAGE = """
            usage: java -jar audit-verifier.jar --key KEY --checkpoint CP.json --export EXPORT.ndjson
                                                [--earlier OLD-CP.json] [--since FROM-CP.json] [--record ID]

              --key         Ed25519 public key: a PEM file (-----BEGIN PUBLIC KEY-----) or the JSON answer of
                            GET /api/v1/audit/keys; may be given more than once
              --checkpoint  a checkpoint as the hub returns it (POST or GET /api/v1/audit/checkpoints/{position})
              --export      GET /api/v1/audit/export?upTo=<position>, at least up to the checkpoint's position
              --earlier     an older checkpoint: proves the history it signed is the start of the newer one
              --since       the checkpoint an export with from=<its position> starts after: checks only what
                            is new since it (and that the newer checkpoint extends it)
              --record      prints that record's versions as they appear in the export

            Checks the checkpoints' signatures, recomputes every exported version's hash from its content and
            provenance, checks each version's parents, recomputes the hash chain and compares it with the
            checkpoints. Exit status: 0 all checks passed, 1 a check failed, 2 unusable arguments or files.""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> keyFiles = new ArrayList<>();
        Path checkpointFile = null;
        Path exportFile = null;
        Path earlierFile = null;
        Path sinceFile = null;
        String recordId = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                case "--key" -> keyFiles.add(Path.of(v));
                case "--checkpoint" -> checkpointFile = Path.of(v);
                case "--export" -> exportFile = Path.of(v);
                case "--earlier" -> earlierFile = Path.of(v);
                case "--since" -> sinceFile = Path.of(v);
                case "--record" -> recordId = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (keyFiles.isEmpty() || checkpointFile == null || exportFile == null) {
                throw new IllegalArgumentException("--key, --checkpoint and --export are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("audit-verifier: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Verifier verifier;
        try {
            List<Keys.Key> keys = new ArrayList<>();
            for (Path k : keyFiles) {
                keys.addAll(Keys.parse(read(k)));
            }
            Verifier.Checkpoint checkpoint = Verifier.Checkpoint.of("checkpoint", Json.parse(read(checkpointFile)));
            Verifier.Checkpoint earlier = earlierFile == null ? null
                    : Verifier.Checkpoint.of("earlier checkpoint", Json.parse(read(earlierFile)));
            Verifier.Checkpoint since = sinceFile == null ? null
                    : Verifier.Checkpoint.of("since checkpoint", Json.parse(read(sinceFile)));
            verifier = new Verifier(keys, checkpoint, earlier, since, recordId);
        } catch (IOException | IllegalArgumentException e) {
            err.println("audit-verifier: " + e.getMessage());
            return 2;
        }
        Verifier.Result result;
        try (BufferedReader export = Files.newBufferedReader(exportFile, StandardCharsets.UTF_8)) {
            result = verifier.verify(export);
        } catch (IOException e) {
            err.println("audit-verifier: cannot read " + exportFile + ": " + e.getMessage());
            return 2;
        }
        result.lines().forEach(out::println);
        out.flush();
        return result.failures() == 0 ? 0 : 1;
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
