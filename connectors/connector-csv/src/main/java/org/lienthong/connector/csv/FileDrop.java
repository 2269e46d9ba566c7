package org.lienthong.connector.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.lienthong.hub.api.connector.ConnectorException;

/**
 * A file URL: one file, or every {@code *.csv} file of a directory (not its subdirectories), oldest first by
 * modification time, then by name. Names starting with {@code .} or {@code ~} (editors' lock and temporary files) are
 * left out. A file modified less than {@link #SETTLE} ago is left for a later poll, so that a file still being copied
 * into the directory is not read half-written.
 *
 * <p>
 * Remembers each file's size, modification time and digest, so that an unchanged file is not read again.
 */
final class FileDrop implements Drop {

    /** How long a file must be left alone before it is read. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    /** The most CSV files a directory may hold. */
    static final int MAX_FILES = 1000;

    private final Path path;
    private final Clock clock;
    private final Map<Path, Known> known = new HashMap<>();

    private record Known(long size, Instant modified, String sha256) {
    }

    FileDrop(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    @Override
    public List<Candidate> candidates(Duration budget) throws ConnectorException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ConnectorException("there is no file or directory " + path + ": create it, or correct 'url'",
                    false, e);
        } catch (IOException e) {
            throw failure("cannot read " + path, e);
        }
        List<Candidate> out = new ArrayList<>();
        if (attrs.isRegularFile()) {
            out.add(new FileCandidate(path, attrs));
            known.keySet().retainAll(List.of(path));
            return out;
        }
        if (!attrs.isDirectory()) {
            throw new ConnectorException(path + " is neither a file nor a directory: correct 'url'", false);
        }
        List<FileCandidate> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(path)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("~") || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                files.add(new FileCandidate(p, a));
                if (files.size() > MAX_FILES) {
                    throw new ConnectorException(path + " holds more than " + MAX_FILES + " CSV files: move the"
                            + " files already imported elsewhere", false);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException io = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
            throw failure("cannot list " + path, io);
        }
        files.sort(Comparator.comparing((FileCandidate f) -> f.attrs.lastModifiedTime()).thenComparing(f -> f.name()));
        known.keySet().retainAll(files.stream().map(f -> f.file).toList());
        out.addAll(files);
        return out;
    }

    private static ConnectorException failure(String what, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new ConnectorException(what + ": permission denied; let the hub's user read it", false, e);
        }
        return new ConnectorException(what + ": " + e, true, e);
    }

    @Override
    public void close() {
        known.clear();
    }

    @Override
    public String toString() {
        return "FileDrop[" + path + "]";
    }

    private final class FileCandidate implements Candidate {

        final Path file;
        final BasicFileAttributes attrs;

        FileCandidate(Path file, BasicFileAttributes attrs) {
            this.file = file;
            this.attrs = attrs;
        }

        @Override
        public String name() {
            return file.getFileName().toString();
        }

        @Override
        public boolean settled() {
            return !attrs.lastModifiedTime().toInstant().isAfter(clock.instant().minus(SETTLE));
        }

        @Override
        public Fetched fetch(String importedSha256, Duration budget) throws ConnectorException {
            Instant modified = attrs.lastModifiedTime().toInstant();
            Known k = known.get(file);
            if (k != null && k.size() == attrs.size() && k.modified().equals(modified)
                    && k.sha256().equals(importedSha256)) {
                return Fetched.unchanged(k.sha256());
            }
            if (attrs.size() > MAX_BYTES) {
                return Fetched.refused("too-large:" + attrs.size() + ":" + modified, Fetched.tooLarge(attrs.size()));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            } catch (NoSuchFileException gone) {
                return null;
            } catch (IOException e) {
                throw failure("cannot read " + file, e);
            }
            if (bytes.length > MAX_BYTES) {
                return Fetched.refused("too-large:" + attrs.size() + ":" + modified, Fetched.tooLarge(-1));
            }
            Fetched f = Fetched.content(bytes);
            known.put(file, new Known(attrs.size(), modified, f.sha256()));
            return f;
        }
    }
}
