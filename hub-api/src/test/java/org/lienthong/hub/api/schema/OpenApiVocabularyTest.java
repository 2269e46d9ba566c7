package org.lienthong.hub.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The published contract ({@code openapi/openapi.yaml}, which the build checks is what the hub serves) spells each
 * vocabulary of the canonical schema exactly as hub-api defines it, in one named schema, and nowhere else.
 */
class OpenApiVocabularyTest {

    /** Every enum of the schema package, by the name of its schema in the contract. */
    private static final List<Class<? extends Enum<?>>> VOCABULARIES = List.of(RecordKind.class, Classification.class,
            Activity.class, Domain.class, ThreatStatus.class, IncidentStatus.class, ResourceStatus.class, Urgency.class,
            Severity.class, Certainty.class, ResponseType.class, MsgType.class, Pillar.class, ResourceCategory.class,
            ImpactMetric.class);

    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        Path file = Path.of("..", "openapi", "openapi.yaml");
        assertTrue(Files.isRegularFile(file), "the published contract is at " + file.toAbsolutePath());
        document = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    @Test
    void eachVocabularyIsOneNamedSchemaWithTheWireValues() {
        JsonNode schemas = document.path("components").path("schemas");
        for (Class<? extends Enum<?>> vocabulary : VOCABULARIES) {
            JsonNode schema = schemas.get(vocabulary.getSimpleName());
            assertNotNull(schema, "the contract has a schema " + vocabulary.getSimpleName());
            assertEquals(wireValues(vocabulary), texts(schema.path("enum")), vocabulary.getSimpleName());
        }
    }

    @Test
    void theCodeFormsAndGeometryTypesAreHubApis() {
        JsonNode schemas = document.path("components").path("schemas");
        for (String record : List.of("ThreatRecord", "IncidentRecord")) {
            assertEquals(HazardCode.ANCHORED_REGEX,
                    schemas.path(record).path("properties").path("hazardCode").path("pattern").asText(), record);
        }
        for (String place : List.of("Location", "Area")) {
            assertEquals(AdminCode.ANCHORED_REGEX,
                    schemas.path(place).path("properties").path("adminCodes").path("items").path("pattern").asText(),
                    place);
        }
        assertEquals(wireValues(GeometryType.class),
                texts(schemas.path("Geometry").path("properties").path("type").path("enum")));
    }

    @Test
    void noVocabularyIsSpelledOutAgainInline() {
        Map<Set<String>, String> known = new java.util.HashMap<>();
        for (Class<? extends Enum<?>> vocabulary : VOCABULARIES) {
            known.put(new HashSet<>(wireValues(vocabulary)), vocabulary.getSimpleName());
        }
        List<String> copies = new ArrayList<>();
        visit(document, "", (path, node) -> {
            JsonNode values = node.get("enum");
            if (values == null || !values.isArray() || path.matches("/components/schemas/[A-Za-z]+")) {
                return;
            }
            Set<String> set = new HashSet<>(texts(values));
            known.forEach((vocabulary, name) -> {
                // a single-valued enum (a record's own kind, say) narrows a vocabulary; more is a copy
                if (set.size() > 1 && vocabulary.containsAll(set)) {
                    copies.add(path + " repeats " + name + " " + set);
                }
            });
        });
        assertEquals(List.of(), copies, "use a $ref to the vocabulary's schema instead");
    }

    private static List<String> wireValues(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private interface Visitor {
        void visit(String path, JsonNode node);
    }

    private static void visit(JsonNode node, String path, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(path, node);
            node.properties().forEach(e -> visit(e.getValue(), path + "/" + e.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), path + "/" + i, visitor);
            }
        }
    }
}
