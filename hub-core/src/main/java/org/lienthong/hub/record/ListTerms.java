package org.lienthong.hub.record;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the list filters match, taken from a record's current content into {@code record_head.terms} (migration V14):
 * {@code status=…}, {@code hazardCode=…}, {@code domain=…} and one {@code adminCode=…} per code in
 * {@code location.adminCodes} or any {@code areas[].adminCodes}. Only string values count, as they did when the filters
 * were JSON containment queries over the content.
 *
 * <p>
 * The hub computes them on every head write, so a list filter is one GIN lookup on the heads (current records only),
 * and record_version needs no index on its content: every version used to be indexed, though only current ones are ever
 * listed.
 */
final class ListTerms {

    private ListTerms() {
    }

    static List<String> of(JsonNode content) {
        List<String> terms = new ArrayList<>(4);
        add(terms, "status", content.get("status"));
        add(terms, "hazardCode", content.get("hazardCode"));
        add(terms, "domain", content.get("domain"));
        JsonNode location = content.get("location");
        if (location != null) {
            codes(terms, location.get("adminCodes"));
        }
        JsonNode areas = content.get("areas");
        if (areas != null && areas.isArray()) {
            areas.forEach(area -> codes(terms, area.get("adminCodes")));
        }
        return terms;
    }

    /** The terms as a JSON array, the form the head statements take them in (one text per row for unnest). */
    static String json(JsonNode content) {
        StringBuilder out = new StringBuilder("[");
        for (String t : of(content)) {
            if (out.length() > 1) {
                out.append(',');
            }
            CanonicalJson.appendString(out, t);
        }
        return out.append(']').toString();
    }

    static String term(String field, String value) {
        return field + "=" + value;
    }

    private static void codes(List<String> terms, JsonNode codes) {
        if (codes != null && codes.isArray()) {
            codes.forEach(code -> add(terms, "adminCode", code));
        }
    }

    private static void add(List<String> terms, String field, JsonNode value) {
        if (value != null && value.isTextual()) {
            String term = term(field, value.textValue());
            if (!terms.contains(term)) {
                terms.add(term);
            }
        }
    }
}
