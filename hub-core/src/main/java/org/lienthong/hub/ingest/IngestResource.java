package org.lienthong.hub.ingest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.record.BatchWriter.Outcome;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.security.Roles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

@Path("/api/v1/ingest")
@Tag(name = "Ingest", description = "Bulk loading / Nạp dữ liệu hàng loạt")
public class IngestResource {

    static final String NDJSON = "application/x-ndjson";

    static final String EXAMPLE = """
            {"kind":"incident","sourceRef":{"system":"qn-pcttkcn","id":"SC-1"},"title":"Sạt lở đất","hazardCode":"GH0101","domain":"geology","occurredAt":"2026-11-20T03:00:00Z"}
            {"kind":"resource","sourceRef":{"system":"qn-kho","id":"XUONG-12"},"name":"Xuồng cứu hộ","pillar":"materials","category":"vehicle","quantity":12}""";

    static final String RESULT = """
            {"created": 1, "updated": 0, "unchanged": 0, "rejected": 1,
             "results": [{"index": 0, "status": "created", "id": "019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e", "version": 1},
                         {"index": 1, "status": "rejected", "errors": [{"field": "quantity", "message": "must not be negative"}]}]}""";

    @Inject
    IngestService ingest;

    @Inject
    AccessResolver access;

    @Inject
    org.lienthong.hub.audit.AccessLog accessLog;

    @POST
    @Consumes({ NDJSON, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(summary = "Bulk upsert by source reference / Ghi hàng loạt theo mã nguồn", description = "NDJSON (one record per line) or a JSON array; every item needs kind and sourceRef and is an idempotent upsert on its own: one bad item does not spoil the others, and re-sending a batch creates nothing. At most 10 000 items (413 beyond, nothing stored). / Mỗi dòng là một bản ghi có kind và sourceRef; gửi lại cùng lô không tạo bản ghi mới.")
    @RequestBody(content = @Content(mediaType = NDJSON, examples = @ExampleObject(name = "ndjson", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Per-item results / Kết quả từng mục", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "result", value = RESULT)))
    @APIResponse(responseCode = "400", description = "Unreadable body / Không đọc được")
    @APIResponse(responseCode = "413", description = "More than 10 000 items / Quá 10 000 mục")
    @APIResponse(responseCode = "415", description = "Neither NDJSON nor JSON")
    public Response ingest(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        boolean ndjson = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(NDJSON);
        IngestService.Result result = ingest.ingest(body, ndjson, access.get());
        logWrites(accessLog, access.get().caller(), result);
        return render(result, "index");
    }

    /** Logs the records a batch created or updated. */
    static void logWrites(org.lienthong.hub.audit.AccessLog log, org.lienthong.hub.security.Caller caller,
            IngestService.Result result, String kind) {
        log.record(caller, "api", "write",
                result.results().stream().filter(o -> "created".equals(o.status()) || "updated".equals(o.status()))
                        .map(o -> new org.lienthong.hub.audit.AccessLog.Touch(kind, o.id())).toList());
    }

    static void logWrites(org.lienthong.hub.audit.AccessLog log, org.lienthong.hub.security.Caller caller,
            IngestService.Result result) {
        logWrites(log, caller, result, null);
    }

    /** The per-item answer; {@code position} names what locates an item: its index, or its line in a sheet. */
    static Response render(IngestService.Result result, String position) {
        ObjectNode out = RecordJson.MAPPER.createObjectNode();
        out.put("created", result.created());
        out.put("updated", result.updated());
        out.put("unchanged", result.unchanged());
        out.put("rejected", result.rejected());
        ArrayNode items = out.putArray("results");
        for (Outcome o : result.results()) {
            ObjectNode item = items.addObject();
            item.put(position, o.index());
            item.put("status", o.status());
            if (o.id() != null) {
                item.put("id", o.id().toString());
                item.put("version", o.version());
            }
            if (o.errors() != null) {
                ArrayNode errors = item.putArray("errors");
                o.errors().forEach(e -> errors.addObject().put("field", e.field()).put("message", e.message()));
            }
        }
        return Response.ok(RecordJson.bytes(out), MediaType.APPLICATION_JSON).build();
    }
}
