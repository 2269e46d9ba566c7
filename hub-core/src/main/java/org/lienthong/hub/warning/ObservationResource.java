package org.lienthong.hub.warning;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.security.Roles;
import org.lienthong.hub.warning.ObservationService.Format;
import org.lienthong.hub.warning.dto.ObservationItem;
import org.lienthong.hub.warning.dto.ObservationResult;

/** {@code POST /api/v1/observations}: readings from monitoring stations, in bulk. */
@Path("/api/v1/observations")
@Tag(name = "Early warning")
public class ObservationResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    static final String ARRAY_EXAMPLE = """
            [{"station": "vn.nchmf.hoi-an", "indicator": "water-level", "time": "2026-11-20T03:00:00+07:00", "value": 3.12},
             {"station": "vn.nchmf.hoi-an", "indicator": "rainfall", "time": "2026-11-20T03:00:00+07:00", "value": 41.5,
              "quality": "suspect"}]""";

    static final String RESULT = """
            {"created": 1, "unchanged": 0, "corrected": 1, "rejected": 1,
             "results": [{"index": 0, "status": "created"}, {"index": 1, "status": "corrected", "previous": 40.5},
                         {"index": 2, "status": "rejected", "errors": [{"field": "station", "message": "is not a registered station: vn.x"}]}]}""";

    @Inject
    ObservationService observations;

    @Inject
    AccessResolver callers;

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, NDJSON, CSV })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "ingestObservations", summary = "Send readings / Gửi số liệu quan trắc", description = "A JSON array, NDJSON (one reading per line) or a CSV sheet (columns station, indicator, time, value, quality, exercise) of at most 50 000 readings (413 beyond, nothing stored). Each reading is answered on its own: created, unchanged (the same value again), corrected (another value for the same station, indicator and time: the earlier value is kept), or rejected with the reason (unknown station or indicator, a value that is not a finite number, a bad time, a station the caller may not write for); one bad reading never spoils the rest. What changed is evaluated against the warning rules at once. / Mỗi số liệu được trả lời riêng; số liệu sai không ảnh hưởng số liệu khác.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ObservationItem.class, maxItems = 50_000), examples = @ExampleObject(name = "readings", value = ARRAY_EXAMPLE)),
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING, description = "One ObservationItem (JSON) per line")),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "A header naming the columns station, indicator, time, value and optionally quality and exercise; then one reading per row")) })
    @APIResponse(responseCode = "200", description = "Per-reading results / Kết quả từng số liệu", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationResult.class), examples = @ExampleObject(name = "result", value = RESULT)))
    @APIResponse(responseCode = "400", description = "Unreadable body or sheet / Không đọc được")
    @APIResponse(responseCode = "413", description = "More than 50 000 readings / Quá 50 000 số liệu")
    @APIResponse(responseCode = "415", description = "Neither JSON, NDJSON nor CSV")
    public ObservationResult ingestObservations(@Context HttpHeaders headers, InputStream body) {
        MediaType type = headers.getMediaType();
        String t = type == null ? "" : type.getType() + "/" + type.getSubtype();
        Format format = NDJSON.equalsIgnoreCase(t) ? Format.NDJSON : CSV.equalsIgnoreCase(t) ? Format.CSV : Format.JSON;
        return observations.ingest(body, format, callers.get());
    }
}
