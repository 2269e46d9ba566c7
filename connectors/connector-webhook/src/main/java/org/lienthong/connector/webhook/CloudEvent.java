package org.lienthong.connector.webhook;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.json.Json;

/**
 * One change as a <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md">CloudEvents 1.0</a>
 * event in structured JSON mode ({@code application/cloudevents+json}):
 *
 * <pre>
 * {"specversion":"1.0",
 *  "id":"&lt;the version's hash&gt;",
 *  "source":"urn:lienthong:hub:&lt;hub id&gt;",
 *  "type":"org.lienthong.&lt;kind&gt;.&lt;created|updated|deleted&gt;",
 *  "subject":"&lt;record id&gt;",
 *  "time":"&lt;provenance.recordedAt of the version&gt;",
 *  "datacontenttype":"application/json",
 *  "data":&lt;the record, exactly as Change.json() renders it&gt;}
 * </pre>
 *
 * <p>
 * The id is the version's hash ({@link Change#hash()}): the same version always makes the same id, on every attempt,
 * after a crash, on a dead-letter replay and even when another hub sends it, so receivers de-duplicate on it (with
 * {@code source} if they want the pair CloudEvents calls unique). {@code data} is spliced from {@link Change#json()} as
 * it is, never re-serialised, so the receiver gets the bytes the hub rendered (numbers such as {@code 1.50} keep their
 * form). {@code time} is left out when the record has no RFC 3339 {@code provenance.recordedAt} (the hub always writes
 * one).
 *
 * @param id
 *            the event id, also the {@code webhook-id} header
 * @param type
 *            the event type
 * @param json
 *            the whole event, the request body
 */
record CloudEvent(String id, String type, String json) {

    /** The request's media type: structured mode. */
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    /**
     * Builds the event for a change.
     *
     * @throws IllegalArgumentException
     *             when the change cannot make an event (no hash, an unknown op, a record that is not a JSON object):
     *             such a change will never be deliverable as it is
     */
    static CloudEvent of(Change change, String hubId) {
        String id = change.hash();
        if (id == null || id.isEmpty() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("the change has no usable version hash, so no stable event id");
        }
        String verb = switch (change.op() == null ? "" : change.op()) {
        case "create" -> "created";
        case "update" -> "updated";
        case "delete" -> "deleted";
        default -> throw new IllegalArgumentException("unknown operation '" + change.op() + "'");
        };
        if (change.id() == null || change.id().isEmpty()) {
            throw new IllegalArgumentException("the change has no record id");
        }
        Object record;
        try {
            record = Json.parse(change.json() == null ? "" : change.json());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the record is not valid JSON: " + e.getMessage());
        }
        if (!(record instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("the record is not a JSON object");
        }
        String type = "org.lienthong." + change.kind() + "." + verb;

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "urn:lienthong:hub:" + hubId);
        event.put("type", type);
        event.put("subject", change.id());
        String time = recordedAt(fields);
        if (time != null) {
            event.put("time", time);
        }
        event.put("datacontenttype", "application/json");
        String attributes = Json.write(event); // {"specversion":…,"datacontenttype":"application/json"}
        String json = attributes.substring(0, attributes.length() - 1) + ",\"data\":" + change.json() + "}";
        return new CloudEvent(id, type, json);
    }

    /** {@code provenance.recordedAt} when it is an RFC 3339 timestamp, else {@code null}. */
    private static String recordedAt(Map<?, ?> record) {
        if (record.get("provenance") instanceof Map<?, ?> provenance
                && provenance.get("recordedAt") instanceof String at) {
            try {
                OffsetDateTime.parse(at);
                return at;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
