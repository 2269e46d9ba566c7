package org.lienthong.hub.record;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.lienthong.connector.cap.CapWriter;
import org.lienthong.hub.api.csv.CsvRecords;
import org.lienthong.hub.api.json.Json;
import org.lienthong.hub.record.RecordStore.Stored;

/**
 * The other shapes a record takes on the way out: CSV for lists ({@code Accept: text/csv}) and CAP 1.2 for threats
 * ({@code Accept: application/cap+xml}), chosen from the request's Accept header, JSON first when the client accepts
 * anything.
 */
public final class RecordFormats {

    static final String CSV = "text/csv";
    public static final String CAP = "application/cap+xml";
    static final MediaType CSV_TYPE = MediaType.valueOf("text/csv; charset=utf-8");

    private RecordFormats() {
    }

    /**
     * The first of {@code offered} the client accepts, in the client's order of preference; the first offered
     * otherwise.
     */
    static String choose(HttpHeaders headers, String... offered) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            for (String o : offered) {
                if (accepted.isCompatible(MediaType.valueOf(o))) {
                    return o;
                }
            }
        }
        return offered[0];
    }

    /** A record as the plain map the format writers take (exact numbers, the same fields as the JSON). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Stored s) {
        return (Map<String, Object>) Json.parse(new String(RecordJson.bytes(s), StandardCharsets.UTF_8));
    }

    static StreamingOutput csv(String kind, List<Stored> page) {
        List<Map<String, Object>> records = new ArrayList<>(page.size());
        page.forEach(s -> records.add(map(s)));
        return out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CsvRecords.toCsv(kind, records, w);
            w.flush();
        };
    }

    /**
     * A threat as a CAP 1.2 alert message sent by this hub, with times in UTC.
     *
     * @param threat
     *            the threat as {@link #map} gives it
     * @param web
     *            the alert's public URL (CAP {@code web}), or {@code null} when it has none
     */
    public static byte[] cap(Map<String, ?> threat, String hubId, String web) {
        return CapWriter.write(threat, "lienthong@" + hubId, ZoneOffset.UTC, web).getBytes(StandardCharsets.UTF_8);
    }
}
