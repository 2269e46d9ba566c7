package org.lienthong.hub.ingest;

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
import org.lienthong.hub.audit.AccessLog;
import org.lienthong.hub.ingest.dto.IngestResult;
import org.lienthong.hub.security.Roles;

/** {@code POST /api/v1/ingest}: many records of any kind in one request, each an upsert by source reference. */
@Path("/api/v1/ingest")
@Tag(name = "Ingest", description = "Bulk loading / Nạp dữ liệu hàng loạt")
public class IngestResource {

    static final String NDJSON = "application/x-ndjson";

    static final String NDJSON_EXAMPLE = """
            {"kind":"incident","sourceRef":{"system":"qn-pcttkcn","id":"SC-1"},"title":"Sạt lở đất","hazardCode":"GH0101","domain":"geology","occurredAt":"2026-11-20T03:00:00Z"}
            {"kind":"resource","sourceRef":{"system":"qn-kho","id":"XUONG-12"},"name":"Xuồng cứu hộ","pillar":"materials","category":"vehicle","quantity":12}""";

    static final String ARRAY_EXAMPLE = """
            [{"kind": "incident", "sourceRef": {"system": "qn-pcttkcn", "id": "SC-1"}, "title": "Sạt lở đất",
              "hazardCode": "GH0101", "domain": "geology", "occurredAt": "2026-11-20T03:00:00Z"},
             {"kind": "resource", "sourceRef": {"system": "qn-kho", "id": "XUONG-12"}, "name": "Xuồng cứu hộ",
              "pillar": "materials", "category": "vehicle", "quantity": 12}]""";

    static final String RESULT = """
            {"created": 1, "updated": 0, "unchanged": 0, "rejected": 1,
             "results": [{"index": 0, "status": "created", "id": "019a9b6e-3f1c-7d2a-8b4e-5f6a7b8c9d0e", "version": 1},
                         {"index": 1, "status": "rejected", "errors": [{"field": "quantity", "message": "must not be negative"}]}]}""";

    @Inject
    IngestService ingest;

    @Inject
    AccessResolver access;

    @Inject
    AccessLog accessLog;

    @POST
    @Consumes({ NDJSON, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "ingest", summary = "Bulk upsert by source reference / Ghi hàng loạt theo mã nguồn", description = "NDJSON (one record per line) or a JSON array; every item needs kind and sourceRef and is an idempotent upsert on its own: one bad item does not spoil the others, and re-sending a batch creates nothing. At most 10 000 items (413 beyond, nothing stored). / Mỗi dòng là một bản ghi có kind và sourceRef; gửi lại cùng lô không tạo bản ghi mới.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "IngestBatch"), examples = @ExampleObject(name = "array", value = ARRAY_EXAMPLE)),
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING, description = "One IngestItem per line (JSON text, UTF-8), e.g.\n"
                    + NDJSON_EXAMPLE)) })
    @APIResponse(responseCode = "200", description = "Per-item results / Kết quả từng mục", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class), examples = @ExampleObject(name = "result", value = RESULT)))
    @APIResponse(responseCode = "400", description = "Unreadable body / Không đọc được")
    @APIResponse(responseCode = "413", description = "More than 10 000 items / Quá 10 000 mục")
    @APIResponse(responseCode = "415", description = "Neither NDJSON nor JSON")
    public IngestResult ingest(@Context HttpHeaders headers, InputStream body) {
        MediaType type = headers.getMediaType();
        boolean ndjson = type != null && NDJSON.equalsIgnoreCase(type.getType() + "/" + type.getSubtype());
        IngestResult result = ingest.ingest(body, ndjson, access.get());
        accessLog.record(access.get().caller(), "api", "write", result.written());
        return result;
    }
}
