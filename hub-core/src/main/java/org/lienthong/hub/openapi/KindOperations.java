package org.lienthong.hub.openapi;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.openapi.KindTemplate.Names;
import org.lienthong.hub.record.RecordCollectionResource;
import org.lienthong.hub.record.ThreatsResource;

/** Turns one of {@code RecordCollectionResource}'s templated operations into one kind's operation. */
final class KindOperations {

    private KindOperations() {
    }

    /**
     * The roles of each templated operation, read from its method: the security requirement that Quarkus adds from
     * {@code @RolesAllowed} is missing on methods a resource inherits.
     */
    private static final Map<String, List<String>> ROLES = roles();

    private static Map<String, List<String>> roles() {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (Class<?> type : List.of(RecordCollectionResource.class, ThreatsResource.class)) {
            for (Method m : type.getDeclaredMethods()) {
                org.eclipse.microprofile.openapi.annotations.Operation op = m
                        .getAnnotation(org.eclipse.microprofile.openapi.annotations.Operation.class);
                RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
                if (op != null && roles != null) {
                    out.put(op.operationId(), List.of(roles.value()));
                }
            }
        }
        return Map.copyOf(out);
    }

    static void specialise(Operation op, Names kind) {
        List<String> roles = ROLES.get(op.getOperationId());
        if ((op.getSecurity() == null || op.getSecurity().isEmpty()) && roles != null) {
            op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer", roles));
        }
        op.setOperationId(kind.text(op.getOperationId()));
        op.setSummary(kind.text(op.getSummary()));
        op.setDescription(kind.text(op.getDescription()));
        if (op.getParameters() != null) {
            List<Parameter> kept = new ArrayList<>();
            for (Parameter p : op.getParameters()) {
                Object only = p.getExtensions() == null ? null : p.getExtensions().get(KindTemplate.ONLY_FOR);
                if (only == null || List.of(only.toString().split(",")).contains(kind.kind().toString())) {
                    kept.add(p);
                    walk(p.getSchema(), s -> retarget(s, kind));
                }
            }
            op.setParameters(kept);
        }
        ContractFilter.forEachMediaType(op, media -> {
            walk(media.getSchema(), s -> retarget(s, kind));
            examples(media, kind);
        });
        if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
            op.getResponses().getAPIResponses().values().forEach(r -> {
                if (r.getHeaders() != null) {
                    r.getHeaders().values().forEach(h -> walk(h.getSchema(), s -> retarget(s, kind)));
                }
            });
        }
    }

    /** Examples named after a kind are that kind's: the other kinds' are dropped. */
    private static void examples(MediaType media, Names kind) {
        if (media.getExamples() == null) {
            return;
        }
        List<String> kinds = List.of(RecordKind.values()).stream().map(RecordKind::toString).toList();
        Map<String, ?> examples = media.getExamples();
        List.copyOf(examples.keySet()).stream()
                .filter(name -> kinds.contains(name) && !name.equals(kind.kind().toString()))
                .forEach(media::removeExample);
        if (media.getExamples().isEmpty()) {
            media.setExamples(null);
        }
    }

    private static void retarget(Schema schema, Names kind) {
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(ContractFilter.REF)) {
            String name = ref.substring(ContractFilter.REF.length());
            String target = kind.schema(name);
            if (!target.equals(name)) {
                schema.setRef(ContractFilter.REF + target);
            }
        }
    }

    /** Visits a schema and every schema inside it. */
    static void walk(Schema schema, Consumer<Schema> visit) {
        if (schema == null) {
            return;
        }
        visit.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> walk(s, visit));
        }
        walk(schema.getItems(), visit);
        walk(schema.getAdditionalPropertiesSchema(), visit);
        for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (group != null) {
                group.forEach(s -> walk(s, visit));
            }
        }
    }
}
