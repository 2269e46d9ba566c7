package org.lienthong.hub.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.lienthong.hub.api.schema.AdminCode;
import org.lienthong.hub.api.schema.GeometryType;
import org.lienthong.hub.api.schema.HazardCode;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.error.ProblemMapper;
import org.lienthong.hub.openapi.KindTemplate.Names;
import org.lienthong.hub.org.OrganizationCodes;
import org.lienthong.hub.record.RecordValidator;

/**
 * Makes the generated OpenAPI document the contract generated clients need, and say what the hub enforces:
 * <ul>
 * <li>each record collection's operations get their own ids and schemas ({@link KindTemplate});</li>
 * <li>the per-kind schemas that follow from the stored records ({@link KindSchemas}): request bodies, pages, version
 * lists, changes with a {@code kind} discriminator, ingest items;</li>
 * <li>the rules of the validator the schema classes cannot carry (they are plain JDK records in {@code hub-api}, no
 * annotations allowed there): wire values of enums, required members (taken from the validator itself), ranges,
 * patterns, and that unknown members are refused;</li>
 * <li>every problem response ({@code 4xx}/{@code 5xx}) has the {@code Problem} body; every operation that needs a token
 * lists 401 and 403; the roles an operation needs are in its description and {@code x-roles} (a bearer scheme has no
 * scopes); an operation that needs no token (the public CAP feed) says so with an empty {@code security}.</li>
 * </ul>
 */
public class ContractFilter implements OASFilter {

    static final String REF = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        schemas.values().forEach(s -> KindOperations.walk(s, ContractFilter::tidy));
        constraints(schemas);
        new KindSchemas(openAPI.getComponents()).addAll();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            Map<String, PathItem> paths = openAPI.getPaths().getPathItems();
            for (Names kind : Names.all()) {
                paths.forEach((path, item) -> {
                    if (path.equals(kind.collectionPath()) || path.startsWith(kind.collectionPath() + "/")) {
                        item.getOperations().values().forEach(op -> KindOperations.specialise(op, kind));
                    }
                });
            }
            paths.values().forEach(item -> item.getOperations().values().forEach(ContractFilter::operation));
        }
        openAPI.setSecurity(null);
    }

    /** Problems, security and what is left of the template's markers, on every operation. */
    private static void operation(Operation op) {
        List<String> roles = roles(op);
        if (op.getResponses() != null) {
            if (roles != null) {
                if (op.getResponses().getAPIResponse("401") == null) {
                    op.getResponses().addAPIResponse("401", OASFactory.createAPIResponse());
                }
                if (op.getResponses().getAPIResponse("403") == null) {
                    op.getResponses().addAPIResponse("403", OASFactory.createAPIResponse());
                }
            }
            op.getResponses().getAPIResponses().forEach(ContractFilter::problem);
        }
        if (roles == null) {
            // said explicitly (security: []), so that a linter or a reader sees a public operation, not a forgotten one
            op.setSecurity(new ArrayList<>());
        }
        if (roles != null && !roles.isEmpty()) {
            op.addExtension("x-roles", roles);
            String needs = "Roles: " + String.join(", ", roles) + ".";
            op.setDescription(op.getDescription() == null ? needs : op.getDescription() + "\n\n" + needs);
        }
        if (op.getParameters() != null) {
            op.getParameters().forEach(p -> {
                if (p.getExtensions() != null) {
                    p.removeExtension(KindTemplate.ONLY_FOR);
                    if (p.getExtensions() != null && p.getExtensions().isEmpty()) {
                        p.setExtensions(null);
                    }
                }
            });
        }
        forEachMediaType(op, media -> {
            Object line = media.getExtensions() == null ? null : media.getExtensions().get("x-ndjson-line");
            if (line instanceof String name) {
                media.addExtension("x-ndjson-line", Map.of("$ref", REF + name));
            }
        });
    }

    /**
     * The roles of an operation's security requirement, moved out of it: a bearer scheme takes no scopes (OpenAPI 3.1
     * allows role names there, but linters and generators read them as OAuth scopes). {@code null}: no token needed.
     */
    private static List<String> roles(Operation op) {
        if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        List<SecurityRequirement> plain = new ArrayList<>();
        for (SecurityRequirement requirement : op.getSecurity()) {
            SecurityRequirement copy = OASFactory.createSecurityRequirement();
            requirement.getSchemes().forEach((scheme, scopes) -> {
                scopes.stream().filter(r -> !roles.contains(r)).forEach(roles::add);
                copy.addScheme(scheme);
            });
            plain.add(copy);
        }
        op.setSecurity(plain);
        return roles;
    }

    private static final Map<String, String> STANDARD = Map.of("401",
            "No valid bearer token / Thiếu hoặc sai mã thông báo", "403",
            "The token's roles or organisation do not allow this / Không được phép");

    private static void problem(String code, APIResponse response) {
        if (code.length() != 3 || code.charAt(0) < '4') {
            return;
        }
        String description = response.getDescription();
        if (STANDARD.containsKey(code)
                && (description == null || description.equals("Not Authorized") || description.equals("Not Allowed"))) {
            response.setDescription(STANDARD.get(code));
        }
        if (response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty()) {
            response.setContent(OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF + "Problem"))));
        }
    }

    static void forEachMediaType(Operation op, java.util.function.Consumer<MediaType> action) {
        if (op.getRequestBody() != null) {
            mediaTypes(op.getRequestBody().getContent()).forEach(action);
        }
        if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
            op.getResponses().getAPIResponses().values().forEach(r -> mediaTypes(r.getContent()).forEach(action));
        }
    }

    private static List<MediaType> mediaTypes(Content content) {
        return content == null || content.getMediaTypes() == null ? List.of()
                : List.copyOf(content.getMediaTypes().values());
    }

    // ------------------------------------------------------------------ the validator's rules

    /** Hub-set structures are always complete on a stored record; the validator does not check them. */
    private static final Map<String, List<String>> HUB_SET_REQUIRED = Map.of("Provenance",
            List.of("author", "activity", "recordedAt", "originHub", "hash", "parents"), "Author",
            List.of("org", "subject"));

    private static void constraints(Map<String, Schema> schemas) {
        Map<String, List<String>> required = new LinkedHashMap<>(RecordValidator.requiredMembers());
        // the kinds' own members are required on the kinds' schemas (KindSchemas), not on the hub-api names
        KindTemplate.Names.all().forEach(n -> required.remove(n.name()));
        required.putAll(HUB_SET_REQUIRED);
        required.forEach((name, members) -> {
            Schema schema = schemas.get(name);
            if (schema != null) {
                schema.setRequired(members.isEmpty() ? null : new ArrayList<>(members));
                if (!HUB_SET_REQUIRED.containsKey(name)) {
                    schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
                }
            }
        });
        for (Names kind : Names.all()) {
            Schema record = schemas.get(kind.name() + "Record");
            if (record == null || record.getProperties() == null) {
                continue;
            }
            Map<String, Schema> props = record.getProperties();
            range(props.get("riskLevel"), 1, 5,
                    "Vietnamese disaster risk level (Decision 18/2021/QĐ-TTg): 1 light blue … 5 purple.");
            pattern(props.get("owner"), "^" + OrganizationCodes.PATTERN + "$");
            pattern(props.get("hazardCode"), HazardCode.ANCHORED_REGEX);
            nonNegative(props.get("quantity"));
            nonNegative(props.get("available"));
        }
        for (String place : List.of("Location", "Area")) {
            Schema schema = schemas.get(place);
            if (schema != null && schema.getProperties() != null && schema.getProperties().get("adminCodes") != null
                    && schema.getProperties().get("adminCodes").getItems() != null) {
                pattern(schema.getProperties().get("adminCodes").getItems(), AdminCode.ANCHORED_REGEX);
            }
        }
        Schema impact = schemas.get("Impact");
        if (impact != null && impact.getProperties() != null) {
            nonNegative(impact.getProperties().get("value"));
        }
        Schema geometry = schemas.get("Geometry");
        if (geometry != null && geometry.getProperties() != null && geometry.getProperties().get("type") != null) {
            geometry.setDescription("GeoJSON geometry (RFC 7946), positions are [longitude, latitude].");
            geometry.getProperties().get("type")
                    .setEnumeration(new ArrayList<>(Vocabulary.wireValues(GeometryType.class)));
        }
    }

    /**
     * Java cannot name constants {@code public} or {@code import}; the schema must show the wire values. A reference
     * made with {@code @Schema(implementation = SomeEnum.class)} on a String field also gets a stray
     * {@code type: object} beside its {@code $ref}.
     */
    private static void tidy(Schema schema) {
        if (schema.getRef() != null && List.of(SchemaType.OBJECT).equals(schema.getType())) {
            schema.setType(null);
        }
        if (schema.getEnumeration() == null) {
            return;
        }
        List<Object> values = new ArrayList<>();
        for (Object value : schema.getEnumeration()) {
            values.add(value instanceof String s && s.endsWith("_") ? s.substring(0, s.length() - 1) : value);
        }
        schema.setEnumeration(values);
    }

    private static void range(Schema schema, int min, int max, String description) {
        if (schema != null) {
            schema.setMinimum(BigDecimal.valueOf(min));
            schema.setMaximum(BigDecimal.valueOf(max));
            schema.setDescription(description);
        }
    }

    private static void nonNegative(Schema schema) {
        if (schema != null) {
            schema.setMinimum(BigDecimal.ZERO);
        }
    }

    private static void pattern(Schema schema, String regex) {
        if (schema != null) {
            schema.setPattern(regex);
        }
    }

    static Schema ref(String name) {
        return OASFactory.createSchema().ref(REF + name);
    }

    static Schema type(SchemaType type) {
        return OASFactory.createSchema().type(List.of(type));
    }

}
