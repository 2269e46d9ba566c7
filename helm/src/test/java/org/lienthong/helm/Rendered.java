package org.lienthong.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The chart rendered by Helm's own template engine (helm-java), as a list of Kubernetes objects. */
final class Rendered {

    static final Path CHART = Path.of(System.getProperty("lienthong.chart", "lienthong-hub"));
    static final Path VALUES = Path.of("src/test/resources/values");
    private static final Path OUT = Path.of(System.getProperty("lienthong.rendered", "target/rendered"));
    private static final YAMLMapper YAML = new YAMLMapper();

    final String release;
    final List<JsonNode> objects;

    private Rendered(String release, List<JsonNode> objects) {
        this.release = release;
        this.objects = objects;
    }

    /**
     * Renders the chart like {@code helm template RELEASE CHART -f VALUES --set K=V}; Helm validates the values against
     * values.schema.json first. The manifest is kept in target/rendered/ for reading.
     */
    static Rendered of(String release, String valuesFile, Map<String, Object> set) {
        String manifest = template(release, valuesFile, set);
        try {
            Files.createDirectories(OUT);
            Files.writeString(
                    OUT.resolve(release + (valuesFile == null ? "" : "-" + valuesFile.replace('/', '-')) + ".yaml"),
                    manifest);
            List<JsonNode> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifest)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        objects.add(doc);
                    }
                }
            }
            return new Rendered(release, objects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rendered of(String release, String valuesFile) {
        return of(release, valuesFile, Map.of());
    }

    /** The raw manifest, or the exception Helm raised (schema violation, fail in a template). */
    static String template(String release, String valuesFile, Map<String, Object> set) {
        TemplateCommand command = new Helm(CHART).template().withName(release).withNamespace("lienthong");
        if (valuesFile != null) {
            command.withValuesFile(VALUES.resolve(valuesFile));
        }
        set.forEach(command::set);
        return command.call();
    }

    List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind) {
        List<JsonNode> found = all(kind);
        if (found.size() > 1) {
            fail("more than one " + kind + " in the release " + release);
        }
        return found.stream().findFirst();
    }

    JsonNode one(String kind) {
        return find(kind).orElseGet(() -> fail("no " + kind + " in the release " + release + "; kinds: " + kinds()));
    }

    List<String> kinds() {
        return objects.stream().map(o -> o.path("kind").asText()).sorted().toList();
    }

    JsonNode deployment() {
        return one("Deployment");
    }

    JsonNode podSpec() {
        return deployment().path("spec").path("template").path("spec");
    }

    JsonNode hubContainer() {
        JsonNode containers = podSpec().path("containers");
        assertEquals(1, containers.size(), "one container per hub pod");
        return containers.get(0);
    }

    /** The ConfigMap's data: the environment the hub reads its settings from. */
    JsonNode settings() {
        return one("ConfigMap").path("data");
    }

    Optional<JsonNode> env(String name) {
        for (JsonNode e : hubContainer().path("env")) {
            if (name.equals(e.path("name").asText())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    Optional<JsonNode> volume(String name) {
        for (JsonNode v : podSpec().path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Where the container mounts a volume, with readOnly. */
    Optional<JsonNode> mount(String volume) {
        for (JsonNode m : hubContainer().path("volumeMounts")) {
            if (volume.equals(m.path("name").asText())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
