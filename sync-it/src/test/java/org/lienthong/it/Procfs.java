package org.lienthong.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What Linux's /proc says about a process: its status fields and its mounts. */
final class Procfs {

    /** One line of {@code /proc/<pid>/mountinfo}. */
    record Mount(String mountPoint, String options, String fsType, String superOptions) {

        boolean readOnly() {
            return List.of(options.split(",")).contains("ro");
        }
    }

    private Procfs() {
    }

    /** {@code /proc/<pid>/status} as field name to value ("Uid" to "185\t185\t185\t185"). */
    static Map<String, String> status(long pid) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines(Path.of("/proc", String.valueOf(pid), "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** The mounts the process sees, paths as it sees them (relative to its root). */
    static List<Mount> mounts(long pid) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines(Path.of("/proc", String.valueOf(pid), "mountinfo"))) {
            // id parent major:minor root mount-point options [optional fields...] - fstype source super-options
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            mounts.add(new Mount(unescape(f[4]), f[5], f[dash + 1], f[dash + 3]));
        }
        return mounts;
    }

    /** The mount at {@code path} that the process sees last (the one on top). */
    static Mount mountAt(long pid, String path) {
        Mount found = null;
        for (Mount m : mounts(pid)) {
            if (m.mountPoint().equals(path)) {
                found = m;
            }
        }
        if (found == null) {
            throw new AssertionError("process " + pid + " sees no mount at " + path + ": " + mounts(pid));
        }
        return found;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
