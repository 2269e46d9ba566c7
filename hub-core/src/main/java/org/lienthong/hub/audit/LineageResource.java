package org.lienthong.hub.audit;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.RecordKinds;
import org.lienthong.hub.record.RecordService;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.Uuids;
import org.lienthong.hub.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/v1/{kinds}/{id}/lineage}: a class of its own so that its path is more specific than the records'. */
@Path("/api/v1/{kinds: " + RecordKinds.COLLECTIONS + "}/{id}/lineage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Lineage, integrity and access / Dòng dõi, toàn vẹn và truy cập")
public class LineageResource {

    @Inject
    RecordService records;

    @Inject
    Lineage lineage;

    @Inject
    AccessLog accessLog;

    @Inject
    AccessResolver access;

    @GET
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Lineage of a record / Dòng dõi bản ghi", description = "Every version (author, activity, time, source reference, connector, parents, hash), every hop between hubs, connector activities (dead letters, replays, discards) and conflicts. format=prov gives the same as W3C PROV-JSON. Same visibility as reading the record. / Mọi phiên bản, các bước chuyển giữa các hub, hoạt động của kết nối và xung đột.")
    @APIResponse(responseCode = "200", description = "{record, versions, hops, connectorActivities, conflicts}, or a PROV-JSON document")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    public Response lineage(@PathParam("kinds") String kinds, @PathParam("id") String id,
            @QueryParam("format") String format) {
        if (format != null && !format.equals("prov") && !format.equals("json")) {
            throw HubException.invalid("format", "must be prov or json");
        }
        String kind = RecordKinds.fromCollection(kinds);
        UUID uuid = Uuids.parse("id", id);
        List<Stored> versions = records.versions(kind, uuid, access.get());
        accessLog.record(access.get().caller(), "api", "read", kind, uuid);
        ObjectNode out = lineage.of(kind, uuid, versions);
        return ok("prov".equals(format) ? lineage.prov(out) : out);
    }

    private static Response ok(JsonNode body) {
        return Response.ok(RecordJson.bytes(body), MediaType.APPLICATION_JSON).build();
    }
}
