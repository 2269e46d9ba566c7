package org.lienthong.hub.audit.dto;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A W3C PROV-JSON document (PROV-JSON Member Submission, 2013): namespace prefixes, then each PROV element and relation
 * type as an object keyed by its identifier, whose values are its attributes ({@code prov:type}, {@code prov:entity},
 * …, and {@code lt:} attributes of Lienthong's own).
 */
@Schema(name = "ProvDocument", requiredProperties = { "prefix", "entity", "activity", "agent", "wasGeneratedBy",
        "wasDerivedFrom", "wasAttributedTo", "wasAssociatedWith", "actedOnBehalfOf", "used" })
public record ProvDocument(Map<String, String> prefix, Map<String, Map<String, Object>> entity,
        Map<String, Map<String, Object>> activity, Map<String, Map<String, Object>> agent,
        Map<String, Map<String, Object>> wasGeneratedBy, Map<String, Map<String, Object>> wasDerivedFrom,
        Map<String, Map<String, Object>> wasAttributedTo, Map<String, Map<String, Object>> wasAssociatedWith,
        Map<String, Map<String, Object>> actedOnBehalfOf, Map<String, Map<String, Object>> used) {
}
