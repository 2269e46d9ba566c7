package org.lienthong.hub.api.schema;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Pins the Java model to the wire contract in {@code shared/design/SCHEMA.md}. The names below are copied from that
 * document on purpose: if a test fails, either the code drifted from the contract or the contract changed and this copy
 * must change with it.
 */
class SchemaContractTest {

    private static final List<String> ENVELOPE = List.of("id", "kind", "version", "owner", "classification",
            "sourceRef", "createdAt", "updatedAt", "deleted", "provenance");

    private static final Map<Class<? extends Enum<?>>, List<String>> ENUM_WIRE_VALUES = new LinkedHashMap<>();

    static {
        ENUM_WIRE_VALUES.put(RecordKind.class, List.of("threat", "incident", "resource"));
        ENUM_WIRE_VALUES.put(Classification.class, List.of("public", "internal", "restricted", "secret"));
        ENUM_WIRE_VALUES.put(Activity.class,
                List.of("create", "update", "delete", "import", "replicate", "merge", "derive"));
        ENUM_WIRE_VALUES.put(Domain.class, List.of("geology", "climate", "environment", "water", "energy", "health",
                "crime", "cyber", "food", "finance", "other"));
        ENUM_WIRE_VALUES.put(ThreatStatus.class, List.of("monitoring", "warning", "active", "contained", "ended"));
        ENUM_WIRE_VALUES.put(IncidentStatus.class,
                List.of("reported", "verified", "responding", "recovering", "closed"));
        ENUM_WIRE_VALUES.put(ResourceStatus.class,
                List.of("available", "reserved", "deployed", "unavailable", "maintenance", "depleted"));
        ENUM_WIRE_VALUES.put(Urgency.class, List.of("Immediate", "Expected", "Future", "Past", "Unknown"));
        ENUM_WIRE_VALUES.put(Severity.class, List.of("Extreme", "Severe", "Moderate", "Minor", "Unknown"));
        ENUM_WIRE_VALUES.put(Certainty.class, List.of("Observed", "Likely", "Possible", "Unlikely", "Unknown"));
        ENUM_WIRE_VALUES.put(ResponseType.class,
                List.of("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"));
        ENUM_WIRE_VALUES.put(MsgType.class, List.of("Alert", "Update", "Cancel", "Ack", "Error"));
        ENUM_WIRE_VALUES.put(Pillar.class, List.of("command", "forces", "materials", "logistics"));
        ENUM_WIRE_VALUES.put(ResourceCategory.class,
                List.of("personnel", "team", "vehicle", "equipment", "supply", "facility", "shelter", "funds"));
        ENUM_WIRE_VALUES.put(ImpactMetric.class,
                List.of("deaths", "missing", "injured", "affected", "evacuated", "displaced", "sheltered",
                        "housesDamaged", "housesDestroyed", "cropsHa", "livestock", "roadsKm", "economicLossVnd"));
        ENUM_WIRE_VALUES.put(GeometryType.class, List.of("Point", "MultiPoint", "LineString", "MultiLineString",
                "Polygon", "MultiPolygon", "GeometryCollection"));
    }

    private static final Map<Class<? extends Record>, List<String>> RECORD_FIELDS = new LinkedHashMap<>();

    static {
        RECORD_FIELDS.put(Threat.class,
                List.of("title", "description", "instruction", "hazardCode", "domain", "status", "riskLevel", "urgency",
                        "severity", "certainty", "responseTypes", "effective", "onset", "expires", "areas",
                        "indicators", "alert", "dataGapSince", "exercise"));
        RECORD_FIELDS.put(Incident.class, List.of("title", "description", "hazardCode", "domain", "threatIds", "status",
                "riskLevel", "occurredAt", "reportedAt", "endedAt", "location", "impacts", "command", "resourceIds"));
        RECORD_FIELDS.put(Resource.class, List.of("name", "pillar", "category", "typeCode", "quantity", "available",
                "unit", "status", "location", "reserve", "expiresAt", "assignment", "contact"));
        RECORD_FIELDS.put(SourceRef.class, List.of("system", "id"));
        RECORD_FIELDS.put(Author.class, List.of("org", "subject", "role"));
        RECORD_FIELDS.put(Provenance.class, List.of("author", "activity", "recordedAt", "originHub", "connector",
                "sourceRef", "hash", "parents", "derivation"));
        RECORD_FIELDS.put(Derivation.class, List.of("rule", "ruleVersion", "station", "indicator", "from", "to"));
        RECORD_FIELDS.put(Area.class, List.of("description", "adminCodes", "geometry"));
        RECORD_FIELDS.put(Location.class, List.of("description", "adminCodes", "geometry"));
        RECORD_FIELDS.put(Indicator.class, List.of("code", "value", "unit", "observedAt"));
        RECORD_FIELDS.put(CapAlertRef.class, List.of("identifier", "sender", "sent", "msgType", "references"));
        RECORD_FIELDS.put(Impact.class, List.of("metric", "value", "unit", "asOf", "estimated"));
        RECORD_FIELDS.put(Command.class, List.of("post", "commanderOrg", "contact"));
        RECORD_FIELDS.put(Assignment.class, List.of("incidentId", "since"));
        RECORD_FIELDS.put(Geometry.class, List.of("type", "coordinates", "geometries"));
    }

    @Test
    void recordKindsAreExactlyTheThreeContractKinds() {
        assertEquals(List.of("threat", "incident", "resource"), wireValues(RecordKind.class));
    }

    @Test
    void impactMetricsAreExactlyTheThirteenContractMetrics() {
        assertEquals(13, ImpactMetric.values().length);
        assertEquals(ENUM_WIRE_VALUES.get(ImpactMetric.class), wireValues(ImpactMetric.class));
    }

    @Test
    void everyEnumHasExactlyTheContractWireValues() {
        assertAll(ENUM_WIRE_VALUES.entrySet().stream()
                .map(e -> () -> assertEquals(e.getValue(), wireValues(e.getKey()), e.getKey().getSimpleName())));
    }

    @Test
    void enumNamesAreTheWireValuesExceptForJavaKeywords() {
        // Only these two differ: "public" and "import" cannot be Java identifiers.
        Set<Enum<?>> keywordEscapes = Set.of(Classification.public_, Activity.import_);
        for (Class<? extends Enum<?>> type : ENUM_WIRE_VALUES.keySet()) {
            for (Enum<?> constant : type.getEnumConstants()) {
                String expected = keywordEscapes.contains(constant) ? constant.toString() + "_" : constant.toString();
                assertEquals(expected, constant.name(), type.getSimpleName());
                assertEquals(type, constant.getClass(), "no constant-specific class bodies: " + constant);
            }
        }
    }

    @Test
    void everyRecordHasEveryContractField() {
        for (Map.Entry<Class<? extends Record>, List<String>> e : RECORD_FIELDS.entrySet()) {
            List<String> names = componentNames(e.getKey());
            assertTrue(names.containsAll(e.getValue()),
                    e.getKey().getSimpleName() + " lacks " + missing(e.getValue(), names));
        }
    }

    @Test
    void canonicalRecordsStartWithTheEnvelopeInContractOrder() {
        Map<String, Class<?>> envelopeTypes = new LinkedHashMap<>();
        for (String name : ENVELOPE) {
            envelopeTypes.put(name, accessor(CanonicalRecord.class, name).getReturnType());
        }
        for (Class<?> kind : CanonicalRecord.class.getPermittedSubclasses()) {
            RecordComponent[] components = kind.getRecordComponents();
            List<String> first = Arrays.stream(components).limit(ENVELOPE.size()).map(RecordComponent::getName)
                    .toList();
            assertEquals(ENVELOPE, first, kind.getSimpleName());
            for (int i = 0; i < ENVELOPE.size(); i++) {
                assertEquals(envelopeTypes.get(ENVELOPE.get(i)), components[i].getType(),
                        kind.getSimpleName() + "." + ENVELOPE.get(i));
            }
        }
    }

    @Test
    void canonicalRecordPermitsExactlyOneRecordPerKind() {
        List<String> permitted = Arrays.stream(CanonicalRecord.class.getPermittedSubclasses())
                .map(c -> c.getSimpleName().toLowerCase()).toList();
        assertEquals(wireValues(RecordKind.class), permitted);
    }

    @Test
    void everyComponentTypeIsFromTheJdkOrThisApi() {
        Deque<Class<?>> todo = new ArrayDeque<>(RECORD_FIELDS.keySet());
        Set<Class<?>> seen = new HashSet<>();
        List<String> offenders = new ArrayList<>();
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!seen.add(type) || !type.isRecord()) {
                continue;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                for (Class<?> used : rawTypes(component.getGenericType())) {
                    String name = used.isPrimitive() ? "java.lang." + used.getName() : used.getName();
                    if (!name.startsWith("java.") && !name.startsWith("org.lienthong.hub.api.")) {
                        offenders.add(type.getSimpleName() + "." + component.getName() + ": " + name);
                    }
                    todo.push(used);
                }
            }
        }
        assertEquals(List.of(), offenders);
        assertTrue(seen.containsAll(RECORD_FIELDS.keySet()));
    }

    @Test
    void constructorsDoNotValidate() {
        Resource resource = new Resource(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        assertNull(resource.name());
    }

    @Test
    void listComponentsAreUnmodifiableCopiesThatKeepNulls() {
        List<String> codes = new ArrayList<>(Arrays.asList("vn.hn", null));
        Area area = new Area("Hà Nội", codes, null);
        codes.add("vn.hp");

        assertEquals(Arrays.asList("vn.hn", null), area.adminCodes());
        assertThrows(UnsupportedOperationException.class, () -> area.adminCodes().add("vn.hp"));
        assertNull(new Area("Hà Nội", null, null).adminCodes());
        assertNull(new Incident(UUID.randomUUID(), RecordKind.incident, 1, "vn.hn", Classification.internal, null, null,
                null, false, null, "Lũ", null, "MH0600", Domain.climate, null, null, null, null, null, null, null, null,
                null, null).threatIds());
    }

    private static List<String> wireValues(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }

    private static List<String> componentNames(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> missing(List<String> expected, List<String> actual) {
        return expected.stream().filter(n -> !actual.contains(n)).toList();
    }

    private static Method accessor(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getSimpleName() + " has no accessor " + name, e);
        }
    }

    private static List<Class<?>> rawTypes(Type type) {
        List<Class<?>> out = new ArrayList<>();
        if (type instanceof Class<?> c) {
            out.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            out.addAll(rawTypes(p.getRawType()));
            for (Type argument : p.getActualTypeArguments()) {
                out.addAll(rawTypes(argument));
            }
        } else if (type instanceof GenericArrayType a) {
            out.addAll(rawTypes(a.getGenericComponentType()));
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                out.addAll(rawTypes(bound));
            }
        } else {
            throw new AssertionError("unexpected type in the schema: " + type);
        }
        return out;
    }
}
