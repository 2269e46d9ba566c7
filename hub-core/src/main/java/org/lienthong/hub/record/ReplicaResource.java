package org.lienthong.hub.record;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.record.dto.ConflictList;
import org.lienthong.hub.record.dto.ConflictResolution;
import org.lienthong.hub.record.dto.ReplicaBatchResult;
import org.lienthong.hub.security.CurrentCaller;
import org.lienthong.hub.security.Roles;

/** Hub-to-hub sync: versions pushed by peers, and the conflicts sync has met. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Replication", description = "Hub-to-hub sync / Đồng bộ giữa các hub")
public class ReplicaResource {

    @Inject
    ReplicaService replicas;

    @Inject
    CurrentCaller callers;

    @Inject
    AccessResolver access;

    @POST
    @Path("replicas")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONNECTOR)
    @Operation(operationId = "receiveReplicas", summary = "Receive versions from another hub / Nhận phiên bản từ hub khác", description = "For hub-peer connectors. The body is an array of at most 1000 versions, each as a change-feed record. Each version keeps its id, content, provenance and hash; the hash is recomputed and must match, and the caller's organisation must be allowed to read such a record here. Already held: 'present'. Follows the local head: 'applied'. Diverged: stored, merged deterministically, listed as a conflict. Each version is stored on its own and answered in 'results' by its index. (A single version sent as a JSON object, as older peers do, is answered with one outcome, or a problem.) / Dành cho kết nối giữa các hub; mỗi phiên bản giữ nguyên mã, nội dung, nguồn gốc và mã băm.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ReplicaBatch")))
    @APIResponse(responseCode = "200", description = "One outcome per version / Kết quả từng phiên bản", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplicaBatchResult.class)))
    @APIResponse(responseCode = "400", description = "Unreadable body, or no 'from' / Không hợp lệ")
    @APIResponse(responseCode = "403", description = "The caller may not pass on this record / Không được phép chuyển bản ghi này")
    @APIResponse(responseCode = "409", description = "A single version clashes with a local record / Xung đột với bản ghi")
    @APIResponse(responseCode = "413", description = "More than 1000 versions / Quá 1000 phiên bản")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response receiveReplicas(
            @QueryParam("from") @Parameter(description = "Id of the hub the versions were read from", required = true, schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$")) String from,
            InputStream body) {
        return Response.ok(replicas.receive(RecordJson.parse(body), from, access.get()), MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("conflicts")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "listConflicts", summary = "Sync conflicts / Xung đột đồng bộ", description = "Open conflicts, newest first ('all=true' includes resolved ones). / Các xung đột chưa xử lý.")
    @APIResponse(responseCode = "200", description = "Conflicts / Các xung đột", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConflictList.class)))
    public ConflictList listConflicts(
            @QueryParam("all") @Parameter(description = "Include resolved conflicts", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) boolean all) {
        return new ConflictList(replicas.conflicts(all, 1000));
    }

    @POST
    @Path("conflicts/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "resolveConflict", summary = "Mark a conflict reviewed / Đánh dấu đã xử lý xung đột", description = "The merge version already holds the winner's content; correct it with an ordinary update if needed. / Nội dung đã được hợp nhất; sửa bằng cập nhật thông thường nếu cần.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConflictResolution.class)))
    @APIResponse(responseCode = "204", description = "Marked / Đã đánh dấu")
    @APIResponse(responseCode = "400", description = "No resolution, or not a UUID / Không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or already resolved / Không tồn tại hoặc đã xử lý")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response resolveConflict(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            InputStream body) {
        replicas.resolve(Uuids.parse("id", id), RecordJson.parse(body),
                callers.get().org() + "/" + callers.get().subject());
        return Response.noContent().build();
    }
}
