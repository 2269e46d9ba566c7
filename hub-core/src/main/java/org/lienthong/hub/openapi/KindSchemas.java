package org.lienthong.hub.openapi;

import static org.lienthong.hub.openapi.ContractFilter.REF;
import static org.lienthong.hub.openapi.ContractFilter.ref;
import static org.lienthong.hub.openapi.ContractFilter.type;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Discriminator;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.lienthong.hub.feed.ChangeOperation;
import org.lienthong.hub.openapi.KindTemplate.Names;
import org.lienthong.hub.record.RecordValidator;

/**
 * The schemas that follow, for each record kind, from its stored form ({@code IncidentRecord}, scanned from the hub-api
 * record): what a client sends ({@code Incident}, {@code IncidentIngestItem}) and the shapes records come back in
 * ({@code IncidentPage}, {@code IncidentVersionList}, {@code IncidentChange}), plus the unions over the kinds
 * ({@code Change}, {@code IngestItem}, {@code RecordVersion}). Derived here, in one loop over the kinds, so that the
 * kinds cannot drift apart and no kind's fields are written out twice.
 */
final class KindSchemas {

    /** Fields the hub sets: in every stored record, never in a request body (the hub ignores them there). */
    private static final Set<String> HUB_SET = Set.of("version", "createdAt", "updatedAt", "deleted", "provenance");
    /** What every stored record carries. */
    private static final List<String> ENVELOPE = List.of("id", "kind", "version", "owner", "classification",
            "createdAt", "updatedAt", "deleted", "provenance");

    private static final Map<String, String> ENVELOPE_DOCS = Map.of("id",
            "Assigned by the hub on create and kept across hubs; in a PUT body it may be left out or must equal the path id.",
            "kind", "The record's kind; set by the hub. In a request it may be left out.", "version",
            "1, 2, 3 …; set by the hub. The ETag is this number in quotes.", "owner",
            "Organisation code of the authoritative organisation, e.g. vn.hn. Defaults to the caller's.",
            "classification",
            "Who may see the record. Defaults to internal on create; kept when left out of an update.", "sourceRef",
            "Identity in the originating system; unique per kind.", "createdAt",
            "When the first version was recorded; set by the hub.", "updatedAt",
            "When this version was recorded; set by the hub.", "deleted", "Tombstone flag; set by the hub.",
            "provenance", "Provenance of this version; set by the hub.");

    private static final Map<String, String> DOCS = Map.of("threat",
            "A hazard or risk being monitored or warned about: OASIS CAP 1.2 warning fields, UNDRR-ISC hazard codes (HIP 2025) and the Vietnamese disaster risk level.",
            "incident",
            "An occurrence with impact: EDXL-SitRep situation fields and Sendai Framework / DesInventar impact figures.",
            "resource",
            "People, equipment, supplies, facilities or funds available for the response (the four pillars).");

    private final Components components;
    private final Map<String, Schema> schemas;

    KindSchemas(Components components) {
        this.components = components;
        this.schemas = components.getSchemas();
    }

    void addAll() {
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> items = new LinkedHashMap<>();
        Map<String, String> records = new LinkedHashMap<>();
        for (Names kind : Names.all()) {
            Schema record = schemas.get(kind.name() + "Record");
            if (record == null || record.getProperties() == null) {
                continue;
            }
            String k = kind.kind().toString();
            List<String> required = RecordValidator.requiredMembers().getOrDefault(kind.name(), List.of());
            record(kind, record, required);
            put(kind.name(),
                    body(kind, record, required, List.of())
                            .description(DOCS.get(k) + " What a client sends to create or replace " + kind.article()
                                    + ": the hub sets the other fields of " + kind.name() + "Record."));
            put(kind.name() + "IngestItem", body(kind, record, required, List.of("kind", "sourceRef"))
                    .description("One item of a bulk ingest: " + kind.article() + " with its kind and sourceRef."));
            put(kind.name() + "Page",
                    object("A page of current versions, oldest first; follow next until it is null.",
                            List.of("items", "next"))
                                    .addProperty("items", type(SchemaType.ARRAY).items(ref(kind.name() + "Record")))
                                    .addProperty("next", OASFactory.createSchema()
                                            .type(List.of(SchemaType.STRING, SchemaType.NULL)).description(
                                                    "Pass as cursor to read the next page; null on the last page")));
            put(kind.name() + "VersionList",
                    object("Every version of " + kind.article() + ", oldest first.", List.of("items"))
                            .addProperty("items", type(SchemaType.ARRAY).items(ref(kind.name() + "Record"))));
            put(kind.name() + "Change", OASFactory.createSchema()
                    .description("A version of " + kind.article() + " in the change feed.").allOf(List.of(ref("Change"),
                            object(null, List.of("record")).addProperty("record", ref(kind.name() + "Record")))));
            changes.put(k, REF + kind.name() + "Change");
            items.put(k, REF + kind.name() + "IngestItem");
            records.put(k, REF + kind.name() + "Record");
        }
        if (records.isEmpty()) {
            return;
        }
        put("Change",
                object("One committed version in the change feed; its record's schema depends on kind.",
                        List.of("cursor", "kind", "id", "version", "op"))
                                .addProperty("cursor",
                                        type(SchemaType.STRING).description("This change's position; opaque"))
                                .addProperty("kind", ref("RecordKind"))
                                .addProperty("id", type(SchemaType.STRING).format("uuid"))
                                .addProperty("version",
                                        type(SchemaType.INTEGER).format("int32").minimum(BigDecimal.ONE))
                                .addProperty("op", ref("ChangeOperation")).discriminator(discriminator(changes)));
        put("ChangeOperation",
                type(SchemaType.STRING)
                        .enumeration(List.of(ChangeOperation.values()).stream().map(o -> (Object) o.name()).toList())
                        .description("create (version 1), update, or delete (a tombstone)"));
        put("ChangePage", object("A page of the change feed.", List.of("changes", "next", "more", "hub"))
                .addProperty("changes", type(SchemaType.ARRAY).items(ref("Change")))
                .addProperty("next",
                        type(SchemaType.STRING).description("Pass as after to continue; also when changes is empty"))
                .addProperty("more", type(SchemaType.BOOLEAN).description("Whether more can be read at once"))
                .addProperty("hub", type(SchemaType.STRING).description("This hub's id")));
        put("IngestItem", OASFactory.createSchema().description("One record of a bulk ingest, of any kind.")
                .oneOf(refs(items)).discriminator(discriminator(items)));
        put("IngestBatch", type(SchemaType.ARRAY).maxItems(10_000).items(ref("IngestItem"))
                .description("At most 10 000 records of any kinds, each with kind and sourceRef."));
        put("RecordVersion",
                OASFactory.createSchema()
                        .description("A stored version of a record of any kind, as the change feed gives it.")
                        .oneOf(refs(records)).discriminator(discriminator(records)));
        put("ReplicaBatch", type(SchemaType.ARRAY).maxItems(1000).items(ref("RecordVersion"))
                .description("At most 1000 versions, each exactly as another hub's change feed gave it."));
        List<Schema> lines = new ArrayList<>(refs(records));
        lines.add(ref("RedactedVersion"));
        put("AuditExportLine", OASFactory.createSchema().description(
                "One line of the audit export: a version as the record API renders it, or, for a version the caller may not see, its redacted form.")
                .oneOf(lines));
    }

    /** The stored form: envelope fields always present; the content's required members too (tombstones keep them). */
    private void record(Names kind, Schema record, List<String> required) {
        record.setDescription(
                DOCS.get(kind.kind().toString()) + " A stored version: envelope, provenance and content.");
        record.addProperty("kind", type(SchemaType.STRING).enumeration(List.of(kind.kind().toString()))
                .description(ENVELOPE_DOCS.get("kind")));
        record.getProperties().forEach((field, schema) -> {
            if (ENVELOPE_DOCS.containsKey(field) && !field.equals("kind") && schema.getRef() == null) {
                schema.setDescription(ENVELOPE_DOCS.get(field));
            }
        });
        List<String> all = new ArrayList<>(ENVELOPE);
        all.addAll(required);
        record.setRequired(all);
    }

    /** A request body: the record's fields the client sets, with the validator's required members. */
    private static Schema body(Names kind, Schema record, List<String> required, List<String> alsoRequired) {
        Schema body = type(SchemaType.OBJECT);
        record.getProperties().forEach((field, schema) -> {
            if (!HUB_SET.contains(field)) {
                body.addProperty(field, schema);
            }
        });
        List<String> all = new ArrayList<>(alsoRequired);
        all.addAll(required);
        body.setRequired(all);
        body.setAdditionalPropertiesBoolean(Boolean.FALSE);
        return body;
    }

    private static Schema object(String description, List<String> required) {
        Schema s = type(SchemaType.OBJECT).required(new ArrayList<>(required));
        return description == null ? s : s.description(description);
    }

    private static Discriminator discriminator(Map<String, String> mapping) {
        return OASFactory.createDiscriminator().propertyName("kind").mapping(new LinkedHashMap<>(mapping));
    }

    private static List<Schema> refs(Map<String, String> targets) {
        return targets.values().stream().map(r -> OASFactory.createSchema().ref(r)).toList();
    }

    private void put(String name, Schema schema) {
        components.addSchema(name, schema);
    }
}
