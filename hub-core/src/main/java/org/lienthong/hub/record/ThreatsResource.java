package org.lienthong.hub.record;

import static org.lienthong.hub.openapi.KindTemplate.KIND;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.alert.AlertFeedService;
import org.lienthong.hub.openapi.KindTemplate;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.security.Roles;

/** {@code /api/v1/threats}: hazards and risks being monitored or warned about; also readable as CAP 1.2 alerts. */
@Path("/api/v1/threats")
@Tag(name = "Threats", description = "Threats: hazards and risks monitored or warned about / Mối đe dọa")
public class ThreatsResource extends RecordCollectionResource {

    @Inject
    AlertFeedService alerts;

    @Context
    UriInfo uri;

    @Override
    protected String kind() {
        return RecordKinds.THREAT;
    }

    /** A threat is also an OASIS CAP 1.2 alert, for public alerting channels. */
    @Override
    @GET
    @Path("{id}")
    @Produces({ JSON, RecordFormats.CAP })
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "get"
            + KIND, summary = "Get a threat / Xem mối đe dọa", description = "With Accept: application/cap+xml the threat is returned as an OASIS CAP 1.2 alert (valid against the CAP 1.2 schema) for public alerting channels. / Mối đe dọa có thể lấy dưới dạng cảnh báo CAP 1.2.")
    @APIResponse(responseCode = "200", description = "The current version, with its ETag / Phiên bản hiện tại", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = {
            @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.RECORD)),
            @Content(mediaType = RecordFormats.CAP, schema = @Schema(type = SchemaType.STRING, description = "An OASIS CAP 1.2 alert (XML)")) })
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller / Không tồn tại")
    @APIResponse(responseCode = "406", description = "Neither JSON nor CAP was acceptable / Không có định dạng này")
    @APIResponse(responseCode = "410", description = "Deleted / Đã xóa")
    public Response get(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @Context HttpHeaders headers) {
        if (!RecordFormats.CAP.equals(RecordFormats.choose(headers, JSON, RecordFormats.CAP))) {
            return super.get(id, headers);
        }
        Stored s = read(id);
        Map<String, Object> threat = RecordFormats.map(s);
        byte[] cap = RecordFormats.cap(threat, config.id(), alerts.web(threat, uri.getBaseUri()));
        return Response.ok(cap, RecordFormats.CAP).tag(etag(s)).build();
    }
}
