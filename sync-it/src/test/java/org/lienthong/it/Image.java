package org.lienthong.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One image as the registry holds it: manifest, configuration, and each layer downloaded (digest checked) with the list
 * of its tar entries.
 */
record Image(String repository, String tag, JsonNode manifest, JsonNode config, List<Layer> layers) {

    /** One tar entry: name without a leading {@code ./} or {@code /} or trailing {@code /}. */
    record Entry(String name, char type, int mode, long uid, long gid, long size, String link) {

        boolean isDirectory() {
            return type == 'd';
        }

        boolean isFile() {
            return type == 'f';
        }

        boolean isSetuidOrSetgid() {
            return (mode & 06000) != 0;
        }

        boolean writableByGroupOrOthers() {
            return (mode & 0022) != 0;
        }

        @Override
        public String toString() {
            return String.format("%c %04o %d:%d %s%s", type, mode, uid, gid, name, link == null ? "" : " -> " + link);
        }
    }

    /** A layer: its digest, compressed size, the downloaded blob, and its entries in order. */
    record Layer(String digest, long size, Path blob, List<Entry> entries) {
    }

    /** Reads {@code repository:tag} from the registry; the layers go to {@code dir/<digest>.tar.gz}. */
    static Image pull(Registry registry, String repository, String tag, Path dir) {
        JsonNode manifest = registry.manifest(repository, tag);
        JsonNode config = registry.jsonBlob(repository, manifest.path("config").path("digest").asText());
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            String digest = layer.path("digest").asText();
            Path blob = registry.blob(repository, digest, dir.resolve(digest.replace(':', '-') + ".tar.gz"));
            layers.add(new Layer(digest, layer.path("size").asLong(), blob, entries(blob)));
        }
        return new Image(repository, tag, manifest, config, List.copyOf(layers));
    }

    /** Compressed size of all layers: what a node pulls. */
    long size() {
        return layers.stream().mapToLong(Layer::size).sum();
    }

    private static List<Entry> entries(Path gzippedTar) {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(gzippedTar)));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                while (name.startsWith("./") || name.startsWith("/")) {
                    name = name.substring(name.charAt(0) == '.' ? 2 : 1);
                }
                if (name.endsWith("/")) {
                    name = name.substring(0, name.length() - 1);
                }
                char type = e.isDirectory() ? 'd'
                        : e.isSymbolicLink() ? 'l' : e.isLink() ? 'h' : e.isFile() ? 'f' : 'o';
                String link = e.isSymbolicLink() || e.isLink() ? e.getLinkName() : null;
                entries.add(new Entry(name, type, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(),
                        e.getSize(), link));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the layer " + gzippedTar, e);
        }
        return List.copyOf(entries);
    }
}
