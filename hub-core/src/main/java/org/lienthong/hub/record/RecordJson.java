package org.lienthong.hub.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.lienthong.hub.error.HubException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reading client JSON and rendering records. Numbers are read as exact decimals (never binary floating point) so that
 * what a client sends is what is stored and hashed.
 */
public final class RecordJson {

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Strict: duplicate keys and trailing content are errors, numbers are exact. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxNumberLength(100).maxStringLength(1_000_000).build());
    }

    private RecordJson() {
    }

    /** Parses a request body; anything that is not one well-formed JSON value is a 400. */
    public static JsonNode parse(InputStream body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HubException.malformed("the request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HubException.malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HubException.malformed("the request body could not be read");
        }
    }

    /** Parses JSON text the hub itself stored (a column), of any shape. */
    public static JsonNode parseTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    /** Parses JSON the hub itself stored. */
    static ObjectNode parseStored(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    /** JSON text of a tree, exact numbers as stored. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's view of a stored version as JSON bytes, without building a tree. */
    public static byte[] bytes(RecordStore.Stored s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            write(g, s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"items": [...], "next": …}} for a list of stored versions. */
    public static byte[] page(List<RecordStore.Stored> items, String next, boolean withNext) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024 * (1 + items.size()));
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (RecordStore.Stored s : items) {
                write(g, s);
            }
            g.writeEndArray();
            if (withNext) {
                g.writeStringField("next", next);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes one record: the envelope, then the content's members. Content read for rendering only ({@code rawContent})
     * is spliced in as PostgreSQL printed it — valid JSON, never parsed or rebuilt here.
     */
    public static void write(JsonGenerator g, RecordStore.Stored s) throws IOException {
        VersionRow v = s.version();
        g.writeStartObject();
        g.writeStringField("id", v.id().toString());
        g.writeStringField("kind", v.kind());
        g.writeNumberField("version", v.version());
        g.writeStringField("owner", v.owner());
        g.writeStringField("classification", v.classification());
        if (v.sourceSystem() != null) {
            g.writeObjectFieldStart("sourceRef");
            g.writeStringField("system", v.sourceSystem());
            g.writeStringField("id", v.sourceId());
            g.writeEndObject();
        }
        g.writeStringField("createdAt", CanonicalJson.formatInstant(s.createdAt()));
        g.writeStringField("updatedAt", CanonicalJson.formatInstant(v.recordedAt()));
        g.writeBooleanField("deleted", v.deleted());
        g.writeObjectFieldStart("provenance");
        g.writeObjectFieldStart("author");
        g.writeStringField("org", v.authorOrg());
        g.writeStringField("subject", v.authorSubject());
        if (v.authorRole() != null) {
            g.writeStringField("role", v.authorRole());
        }
        g.writeEndObject();
        g.writeStringField("activity", v.activity());
        g.writeStringField("recordedAt", CanonicalJson.formatInstant(v.recordedAt()));
        g.writeStringField("originHub", v.originHub());
        if (v.connector() != null) {
            g.writeStringField("connector", v.connector());
        }
        if (v.sourceSystem() != null) {
            g.writeObjectFieldStart("sourceRef");
            g.writeStringField("system", v.sourceSystem());
            g.writeStringField("id", v.sourceId());
            g.writeEndObject();
        }
        g.writeStringField("hash", v.hash());
        g.writeArrayFieldStart("parents");
        for (String parent : v.parents()) {
            g.writeString(parent);
        }
        g.writeEndArray();
        if (v.derivation() != null) {
            g.writeFieldName("derivation");
            g.writeTree(v.derivation());
        }
        g.writeEndObject();
        if (v.content() != null) {
            for (Map.Entry<String, JsonNode> field : v.content().properties()) {
                g.writeFieldName(field.getKey());
                g.writeTree(field.getValue());
            }
        } else {
            // PostgreSQL prints a jsonb object as "{...}": splice its members after the envelope, without copying
            String raw = s.rawContent();
            int open = raw.indexOf('{') + 1;
            int close = raw.lastIndexOf('}');
            int first = open;
            while (first < close && Character.isWhitespace(raw.charAt(first))) {
                first++;
            }
            if (first < close) {
                g.writeRaw(',');
                g.writeRaw(raw, first, close - first);
            }
        }
        g.writeEndObject();
    }
}
