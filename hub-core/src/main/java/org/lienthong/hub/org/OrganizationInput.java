package org.lienthong.hub.org;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A checked organisation from a request body or the seed file. The body is read as a JSON tree ({@link #from}) so that
 * one 400 names every bad field; the record is also the request body's contract.
 */
@Schema(name = "OrganizationInput", requiredProperties = { "name",
        "kind" }, description = "code is required on POST; on PUT it may be left out (the path's code) or must equal it. parent is required for every kind but nation.")
public record OrganizationInput(@Schema(maxLength = 128) String code, @Schema(maxLength = 500) String name,
        @Schema(maxLength = 500) String nameEn, @Schema(maxLength = 128) String parent,
        @Schema(implementation = OrganizationKind.class) String kind) {

    private static final Set<String> MEMBERS = Set.of("code", "name", "nameEn", "parent", "kind", "path");

    /**
     * Checks a body; every problem is named in one 400.
     *
     * @param pathCode
     *            the code from the URL on PUT (the body's code, when given, must match), else {@code null}
     */
    public static OrganizationInput from(JsonNode body, String pathCode) {
        if (!body.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object (one organisation)");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!MEMBERS.contains(name)) {
                errors.add(
                        new FieldError(name, "is not a field of an organisation (code, name, nameEn, parent, kind)"));
            }
        }
        String code = text(body, "code", 128, errors, pathCode == null || "seed".equals(pathCode));
        if ("seed".equals(pathCode)) {
            pathCode = null;
        }
        if (pathCode != null) {
            if (code == null) {
                code = pathCode;
            } else if (!code.equals(pathCode)) {
                errors.add(new FieldError("code", "does not match the code in the path; codes never change"));
            }
        }
        if (code != null && !OrganizationCodes.isValid(code)) {
            errors.add(new FieldError("code", "must be lower-case and dotted, such as vn.hn or vn.hn.ba-dinh"));
        }
        String name = text(body, "name", 500, errors, true);
        String nameEn = text(body, "nameEn", 500, errors, false);
        String parent = text(body, "parent", 128, errors, false);
        String kind = text(body, "kind", 20, errors, true);
        if (kind != null && !Organization.KINDS.contains(kind)) {
            errors.add(new FieldError("kind", "must be one of " + String.join(", ", Organization.KINDS)));
        }
        if (parent == null && kind != null && !"nation".equals(kind)) {
            errors.add(new FieldError("parent", "is required (only the nation has no parent)"));
        }
        if (parent != null && parent.equals(code)) {
            errors.add(new FieldError("parent", "must not be the organisation itself"));
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        return new OrganizationInput(code, name, nameEn, parent, kind);
    }

    private static String text(JsonNode body, String field, int max, List<FieldError> errors, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            errors.add(new FieldError(field, "must be a non-empty string"));
            return null;
        }
        String s = node.textValue();
        if (s.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
            return null;
        }
        return s;
    }
}
