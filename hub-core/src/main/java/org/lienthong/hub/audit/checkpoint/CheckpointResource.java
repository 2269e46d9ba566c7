package org.lienthong.hub.audit.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.audit.checkpoint.dto.CheckpointView;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.security.Roles;

import com.fasterxml.jackson.core.JsonGenerator;

/** Signed checkpoints of the audit hash chain: make one, list them, read one. */
@Path("/api/v1/audit/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Signed checkpoints, signing keys and the audit export / Điểm kiểm tra có chữ ký, khóa ký và xuất dữ liệu kiểm toán")
public class CheckpointResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static final String EXAMPLE = """
            {"statement": {"at": "2026-11-22T08:00:00.123Z",
               "chain": "5b0c2f0e6f5f1d0c9a4e8f7a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e",
               "hub": "central", "keyId": "3f9a0c1d2e4b5a69",
               "lastHash": "ac4efb0cf53d3f5ba81c77ca1528813e66a49e2ad3ccd51d21a51075e951226c", "position": 1250},
             "signature": "base64 Ed25519 signature of the statement's canonical JSON", "algorithm": "Ed25519",
             "cursor": "c1.MTIzNDU6Njc4"}""";

    @Inject
    CheckpointService checkpoints;

    @POST
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Make a checkpoint / Tạo điểm kiểm tra", description = "Signs the audit hash chain over every version of the change feed that can no longer change (the feed's horizon). 201 with the new checkpoint; 200 with the latest one when no new version is stable since. The signature covers the canonical JSON of 'statement' (sorted keys, no whitespace, UTF-8); verify it with a key from /api/v1/audit/keys. / Ký chuỗi băm kiểm toán trên mọi phiên bản đã ổn định.")
    @APIResponse(responseCode = "201", description = "Checkpoint made / Đã tạo", headers = @Header(name = "Location", description = "The checkpoint's URL", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckpointView.class), examples = @ExampleObject(name = "checkpoint", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Nothing new: the latest checkpoint / Không có gì mới: điểm kiểm tra mới nhất", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckpointView.class)))
    @APIResponse(responseCode = "403", description = "Auditors and admins only / Chỉ kiểm toán viên và quản trị viên")
    public Response createCheckpoint() {
        CheckpointService.Outcome o = checkpoints.create();
        byte[] body = json(g -> o.checkpoint().write(g));
        if (!o.created()) {
            return Response.ok(body, MediaType.APPLICATION_JSON).build();
        }
        return Response.created(URI.create("/api/v1/audit/checkpoints/" + o.checkpoint().position())).entity(body)
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "List checkpoints / Liệt kê điểm kiểm tra", description = "Newest first. / Mới nhất trước.")
    @APIResponse(responseCode = "200", description = "Checkpoints, newest first / Các điểm kiểm tra", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckpointView.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad limit / Tham số không hợp lệ")
    @APIResponse(responseCode = "403", description = "Auditors and admins only / Chỉ kiểm toán viên và quản trị viên")
    public Response listCheckpoints(
            @QueryParam("limit") @Parameter(description = "1–1000, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) String limit) {
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw HubException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        List<Checkpoint> items = checkpoints.list(n);
        return Response.ok(json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (Checkpoint cp : items) {
                cp.write(g);
            }
            g.writeEndArray();
            g.writeEndObject();
        }), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{position}")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Read a checkpoint / Xem một điểm kiểm tra", description = "The checkpoint at this position. / Điểm kiểm tra tại vị trí này.")
    @APIResponse(responseCode = "200", description = "The checkpoint / Điểm kiểm tra", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckpointView.class)))
    @APIResponse(responseCode = "400", description = "Not a position / Vị trí không hợp lệ")
    @APIResponse(responseCode = "403", description = "Auditors and admins only / Chỉ kiểm toán viên và quản trị viên")
    @APIResponse(responseCode = "404", description = "No checkpoint at this position / Không có")
    public Response getCheckpoint(
            @PathParam("position") @Parameter(description = "How many versions the checkpoint covers", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0")) String position) {
        long p = AuditExportResource.position("position", position);
        Checkpoint cp = checkpoints.at(p)
                .orElseThrow(() -> HubException.notFound("no checkpoint at position " + position));
        return Response.ok(json(cp::write), MediaType.APPLICATION_JSON).build();
    }

    interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] json(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = RecordJson.MAPPER.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
