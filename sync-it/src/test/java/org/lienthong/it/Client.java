package org.lienthong.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Talks to one hub over HTTP with one bearer token. */
final class Client {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** An answer: status, body, ETag. */
    record Answer(String call, int status, String body, Optional<String> etag) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(call + " answered HTTP " + status + " with a body that is not JSON: " + body,
                        e);
            }
        }

        /** Fails unless the status is one of {@code expected}. */
        Answer expect(int... expected) {
            for (int s : expected) {
                if (status == s) {
                    return this;
                }
            }
            throw new AssertionError(call + ": expected HTTP " + java.util.Arrays.toString(expected) + " but got "
                    + status + ": " + abbreviate(body));
        }

        /** The version number in the ETag ({@code "n"}). */
        int etagVersion() {
            String tag = etag.orElseThrow(() -> new AssertionError(call + ": no ETag"));
            return Integer.parseInt(tag.replace("W/", "").replace("\"", ""));
        }
    }

    private final Hub hub;
    private final String token;

    Client(Hub hub, String token) {
        this.hub = hub;
        this.token = token;
    }

    Hub hub() {
        return hub;
    }

    /** The collection path segment of a kind: threat → threats. */
    static String plural(String kind) {
        return switch (kind) {
        case "threat" -> "threats";
        case "incident" -> "incidents";
        case "resource" -> "resources";
        default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    // ---------------------------------------------------------------- raw calls

    Answer get(String path) {
        return send("GET", path, null, null, null);
    }

    Answer post(String path, String contentType, String body) {
        return send("POST", path, contentType, body, null);
    }

    Answer postJson(String path, JsonNode body) {
        return post(path, "application/json", body == null ? "" : body.toString());
    }

    Answer put(String path, JsonNode body, String ifMatch) {
        return send("PUT", path, "application/json", body.toString(), ifMatch);
    }

    Answer send(String method, String path, String contentType, String body, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", path.startsWith("/q/metrics") ? "text/plain" : "application/json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String call = method + " " + hub.id() + path;
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(call, r.statusCode(), r.body(), r.headers().firstValue("ETag"));
        } catch (IOException e) {
            throw new UncheckedIOException(call + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(call + " interrupted", e);
        }
    }

    // ---------------------------------------------------------------- records

    /** Creates a record; expects 201 and returns it. */
    JsonNode create(String kind, JsonNode body) {
        return postJson("/api/v1/" + plural(kind), body).expect(201).json();
    }

    /** The current version, or empty on 404; anything else fails. */
    Optional<JsonNode> find(String kind, String id) {
        Answer a = get("/api/v1/" + plural(kind) + "/" + id).expect(200, 404);
        return a.status() == 200 ? Optional.of(a.json()) : Optional.empty();
    }

    /** The current version; expects 200. */
    JsonNode read(String kind, String id) {
        return get("/api/v1/" + plural(kind) + "/" + id).expect(200).json();
    }

    /** Replaces the content with {@code If-Match: "<version>"}; expects 200. */
    JsonNode update(String kind, String id, int version, JsonNode body) {
        return put("/api/v1/" + plural(kind) + "/" + id, body, "\"" + version + "\"").expect(200).json();
    }

    /** Every version, oldest first. */
    List<JsonNode> versions(String kind, String id) {
        return list(get("/api/v1/" + plural(kind) + "/" + id + "/versions").expect(200).json().path("items"));
    }

    /** The whole change feed (every page), optionally for some kinds only ({@code "threat,incident"}). */
    List<JsonNode> changes(String kinds) {
        return changes(kinds, false);
    }

    /** The whole change feed, with drills ({@code include=exercise}) or without them. */
    List<JsonNode> changes(String kinds, boolean exercises) {
        Feed feed = new Feed(kinds, exercises);
        List<JsonNode> all = new ArrayList<>();
        List<JsonNode> page;
        do {
            page = feed.next();
            all.addAll(page);
        } while (feed.more());
        return all;
    }

    /** A reader of the change feed that remembers where it is. */
    Feed feed(String kinds) {
        return new Feed(kinds, false);
    }

    final class Feed {
        private final String kinds;
        private final boolean exercises;
        private String after;
        private boolean more = true;

        Feed(String kinds, boolean exercises) {
            this.kinds = kinds;
            this.exercises = exercises;
        }

        /** The next page (up to 1000 changes); {@link #more()} says whether another can be read at once. */
        List<JsonNode> next() {
            StringBuilder path = new StringBuilder("/api/v1/changes?limit=1000");
            if (kinds != null) {
                path.append("&kinds=").append(URLEncoder.encode(kinds, StandardCharsets.UTF_8));
            }
            if (exercises) {
                path.append("&include=exercise");
            }
            if (after != null) {
                path.append("&after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
            }
            JsonNode page = get(path.toString()).expect(200).json();
            if (page.hasNonNull("next")) {
                after = page.get("next").asText();
            }
            more = page.path("more").asBoolean(false);
            return list(page.path("changes"));
        }

        boolean more() {
            return more;
        }
    }

    /** Open conflicts ({@code GET /api/v1/conflicts}; auditor or admin). */
    List<JsonNode> conflicts() {
        return list(get("/api/v1/conflicts").expect(200).json().path("items"));
    }

    /** Creates an agreement; expects 201. */
    JsonNode agreement(String grantor, String grantee, List<String> kinds, String maxClassification, String purpose) {
        ObjectNode body = JSON.createObjectNode().put("grantor", grantor).put("grantee", grantee)
                .put("maxClassification", maxClassification).put("purpose", purpose);
        kinds.forEach(body.putArray("kinds")::add);
        return postJson("/api/v1/agreements", body).expect(201).json();
    }

    // ---------------------------------------------------------------- connectors

    /** Creates a connector instance ({@code POST /api/v1/connectors}). */
    Answer createConnector(JsonNode body) {
        return postJson("/api/v1/connectors", body);
    }

    Answer connector(String name) {
        return get("/api/v1/connectors/" + name);
    }

    /** {@code pause}, {@code resume} or {@code run}. */
    Answer connectorAction(String name, String action) {
        return post("/api/v1/connectors/" + name + "/" + action, "application/json", "");
    }

    // ---------------------------------------------------------------- helpers

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }
}
