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
import org.lienthong.hub.access.Access;
import org.lienthong.hub.access.AccessResolver;
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

    @Inject
    AccessResolver access;

    /** The most versions one request may carry. */
    static final int MAX_BATCH = 1000;

    @POST
    @Path("replicas")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CONNECTOR)
    @Operation(summary = "Receive versions from another hub / Nhận phiên bản từ hub khác", description = "For hub-peer connectors. The body is one version (as a change-feed record) or an array of at most 1000. Each version keeps its id, content, provenance and hash; the hash is recomputed and must match, and the caller's organisation must be allowed to read such a record here. Already held: 'present'. Follows the local head: 'applied'. Diverged: stored, merged deterministically, listed as a conflict. An array is answered with one result per item, {index, outcome…} or {index, status, detail, errors}; each item is stored on its own. / Dành cho kết nối giữa các hub; mỗi phiên bản giữ nguyên mã, nội dung, nguồn gốc và mã băm.")
    @APIResponse(responseCode = "200", description = "{outcome, id, version, head}, or {results: [...]} for an array")
    @APIResponse(responseCode = "400", description = "Invalid, or the hash does not match / Không hợp lệ hoặc sai mã băm")
    @APIResponse(responseCode = "403", description = "The caller may not pass on this record / Không được phép chuyển bản ghi này")
    @APIResponse(responseCode = "413", description = "More than 1000 versions / Quá 1000 phiên bản")
    public Response receive(
            @QueryParam("from") @Parameter(description = "Id of the hub the versions were read from", required = true) String from,
            InputStream body) {
        if (from == null || !HUB_ID.matcher(from).matches()) {
            throw HubException.invalid("from", "is required: the id of the hub the version comes from");
        }
        JsonNode json = RecordJson.parse(body);
        Access sender = access.get();
        if (!json.isArray()) {
            ReplicaService.Result r = replicas.apply(replicas.parse(json), from, sender);
            if (r.outcome() == ReplicaService.Outcome.REFUSED) {
                throw r.status() == 403 ? HubException.forbidden(r.reason()) : HubException.conflict(r.reason());
            }
            return Response.ok(RecordJson.bytes(result(RecordJson.NODES.objectNode(), r)), MediaType.APPLICATION_JSON)
                    .build();
        }
        if (json.size() > MAX_BATCH) {
            throw new HubException(413, "/problems/too-large", "Too many versions",
                    "at most " + MAX_BATCH + " versions per request (nothing was stored)");
        }
        ObjectNode out = RecordJson.NODES.objectNode();
        ArrayNode results = out.putArray("results");
        for (int i = 0; i < json.size(); i++) {
            ObjectNode item = results.addObject().put("index", i);
            try {
                ReplicaService.Result r = replicas.apply(replicas.parse(json.get(i)), from, sender);
                if (r.outcome() == ReplicaService.Outcome.REFUSED) {
                    item.put("status", r.status()).put("detail", r.reason());
                } else {
                    result(item, r);
                }
            } catch (HubException e) {
                item.put("status", e.status()).put("title", e.title()).put("detail", e.detail());
                if (e.errors() != null && !e.errors().isEmpty()) {
                    ArrayNode errors = item.putArray("errors");
                    e.errors().forEach(f -> errors.addObject().put("field", f.field()).put("message", f.message()));
                }
            }
        }
        return Response.ok(RecordJson.bytes(out), MediaType.APPLICATION_JSON).build();
    }

    private static ObjectNode result(ObjectNode out, ReplicaService.Result r) {
        out.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        out.put("id", r.id().toString());
        out.put("head", r.headHash());
        if (r.localVersion() > 0) {
            out.put("version", r.localVersion());
        }
        return out;
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
