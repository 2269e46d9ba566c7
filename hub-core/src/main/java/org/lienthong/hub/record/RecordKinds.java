package org.lienthong.hub.record;

import java.util.Map;

import org.lienthong.hub.error.HubException;

/** The record kinds and the collection names that stand for them in paths. */
public final class RecordKinds {

    public static final String THREAT = "threat";
    public static final String INCIDENT = "incident";
    public static final String RESOURCE = "resource";

    /** Path segment pattern for JAX-RS. */
    public static final String COLLECTIONS = "threats|incidents|resources";

    private static final Map<String, String> BY_COLLECTION = Map.of("threats", THREAT, "incidents", INCIDENT,
            "resources", RESOURCE);

    private RecordKinds() {
    }

    /** {@code incidents} → {@code incident}. */
    public static boolean isKind(String kind) {
        return THREAT.equals(kind) || INCIDENT.equals(kind) || RESOURCE.equals(kind);
    }

    public static String fromCollection(String collection) {
        String kind = BY_COLLECTION.get(collection);
        if (kind == null) {
            throw HubException.notFound("no such collection: use threats, incidents or resources");
        }
        return kind;
    }

    /** {@code incident} → {@code incidents}. */
    public static String collection(String kind) {
        return kind + "s";
    }
}
