package org.lienthong.hub.record;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.security.CurrentCaller;
import org.lienthong.hub.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Replication", description = "Hub-to-hub sync / Đồng bộ giữa các hub")
public class ReplicaResource {

    private static final java.util.regex.Pattern HUB_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    ReplicaService replicas;

    @Inject
    CurrentCaller callers;

    @POST
    @Path("replicas")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONNECTOR)
    @Operation(summary = "Receive a version from another hub / Nhận phiên bản từ hub khác", description = "For hub-peer connectors. The version keeps its id, content, provenance and hash; the hash is recomputed and must match. Already held: 'present'. Follows the local head: 'applied'. Diverged: stored, merged deterministically, listed as a conflict. / Dành cho kết nối giữa các hub.")
    @APIResponse(responseCode = "200", description = "{outcome, id, version, head}")
    @APIResponse(responseCode = "400", description = "Invalid, or the hash does not match / Không hợp lệ hoặc sai mã băm")
    public Response receive(
            @QueryParam("from") @Parameter(description = "Id of the hub the version was read from", required = true) String from,
            InputStream body) {
        if (from == null || !HUB_ID.matcher(from).matches()) {
            throw HubException.invalid("from", "is required: the id of the hub the version comes from");
        }
        JsonNode json = RecordJson.parse(body);
        VersionRow v = replicas.parse(json);
        ReplicaService.Result r = replicas.apply(v, from, callers.get().org() + "/" + callers.get().subject());
        ObjectNode out = RecordJson.NODES.objectNode();
        out.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        out.put("id", r.id().toString());
        out.put("head", r.headHash());
        if (r.localVersion() > 0) {
            out.put("version", r.localVersion());
        }
        return Response.ok(RecordJson.bytes(out), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("conflicts")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Sync conflicts / Xung đột đồng bộ", description = "Open conflicts, newest first ('all=true' includes resolved ones). / Các xung đột chưa xử lý.")
    @APIResponse(responseCode = "200", description = "{ \"items\": [ …conflicts… ] }")
    public Response conflicts(@QueryParam("all") boolean all) {
        List<ObjectNode> list = replicas.conflicts(all, 1000);
        ObjectNode out = RecordJson.NODES.objectNode();
        ArrayNode items = out.putArray("items");
        list.forEach(items::add);
        return Response.ok(RecordJson.bytes(out), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("conflicts/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Mark a conflict reviewed / Đánh dấu đã xử lý xung đột", description = "Body: {\"resolution\": \"why\"}. The merge version already holds the winner's content; correct it with an ordinary update if needed. / Nội dung đã được hợp nhất; sửa bằng cập nhật thông thường nếu cần.")
    @APIResponse(responseCode = "204", description = "Marked / Đã đánh dấu")
    @APIResponse(responseCode = "404", description = "Unknown or already resolved / Không tồn tại hoặc đã xử lý")
    public Response resolve(@PathParam("id") String id, InputStream body) {
        UUID uuid = Uuids.parse("id", id);
        JsonNode json = RecordJson.parse(body);
        JsonNode note = json.path("resolution");
        if (!note.isTextual() || note.textValue().isBlank() || note.textValue().length() > 2000) {
            throw HubException.invalid("resolution", "is required: how the conflict was reviewed (≤ 2000 characters)");
        }
        if (!replicas.resolve(uuid, callers.get().org() + "/" + callers.get().subject(), note.textValue())) {
            throw HubException.notFound("no open conflict " + id);
        }
        return Response.noContent().build();
    }
}
