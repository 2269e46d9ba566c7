package org.lienthong.hub.warning;

import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.Uuids;
import org.lienthong.hub.security.Roles;
import org.lienthong.hub.warning.dto.EpisodeList;
import org.lienthong.hub.warning.dto.RuleBody;
import org.lienthong.hub.warning.dto.WarningRuleList;
import org.lienthong.hub.warning.dto.WarningRuleView;

/** Warning rules: versioned, validated on write, evaluated as readings commit. */
@Path("/api/v1/warning-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Early warning")
public class WarningRuleResource {

    static final String JSON = MediaType.APPLICATION_JSON;
    static final String ETAG = "The rule's version in quotes; send it back in If-Match to change the rule";

    static final String EXAMPLE = """
            {"name": "Báo động lũ sông Thu Bồn tại Hội An", "indicator": "water-level",
             "stations": ["vn.nchmf.hoi-an"],
             "levels": [{"riskLevel": 2, "above": 2.0, "clear": 1.8, "for": "PT30M"},
                        {"riskLevel": 3, "above": 3.0, "clear": 2.8, "for": "PT30M"},
                        {"riskLevel": 4, "above": 4.0, "clear": 3.8, "for": "PT30M"}],
             "noDataAfter": "PT2H", "hazardCode": "MH0600", "domain": "climate",
             "title": "Lũ sông Thu Bồn tại {station.name}: {value} {unit}, cấp độ rủi ro {riskLevel}",
             "instruction": "Sơ tán dân vùng trũng thấp ven sông.", "owner": "vn", "classification": "public",
             "expiresAfter": "PT6H", "status": "active"}""";

    @Inject
    RuleService rules;

    @Inject
    Evaluator evaluator;

    @Inject
    AccessResolver callers;

    @GET
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "listWarningRules", summary = "List warning rules / Liệt kê quy tắc cảnh báo", description = "The rules the caller may see, their current versions, in pages. / Các quy tắc, phiên bản hiện tại.")
    @APIResponse(responseCode = "200", description = "A page of rules / Một trang quy tắc", content = @Content(mediaType = JSON, schema = @Schema(implementation = WarningRuleList.class)))
    @APIResponse(responseCode = "400", description = "Bad parameter / Tham số không hợp lệ")
    public WarningRuleList listWarningRules(
            @QueryParam("limit") @Parameter(description = "1–1000, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) Integer limit,
            @QueryParam("cursor") @Parameter(description = "The 'next' of the previous page") String cursor) {
        return rules.list(cursor, limit, callers.get());
    }

    @POST
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.ADMIN })
    @Operation(operationId = "createWarningRule", summary = "Write a warning rule / Tạo quy tắc cảnh báo", description = "Version 1. A rule that cannot be evaluated is refused naming the field: an unknown indicator or station, levels out of order, a clear on the wrong side of its threshold, mixed directions, bad durations. / Quy tắc không thể đánh giá bị từ chối, nêu rõ trường sai.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(implementation = RuleBody.class), examples = @ExampleObject(name = "flood", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Written / Đã tạo", headers = {
            @Header(name = "Location", description = "The rule's URL", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)) }, content = @Content(mediaType = JSON, schema = @Schema(implementation = WarningRuleView.class)))
    @APIResponse(responseCode = "400", description = "A rule that cannot be evaluated / Quy tắc không hợp lệ")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response createWarningRule(InputStream body) {
        WarningRuleView created = rules.create(RecordJson.parse(body), callers.get());
        evaluator.nudge();
        return Response.created(URI.create("/api/v1/warning-rules/" + created.id()))
                .tag(new EntityTag(String.valueOf(created.version()))).entity(created).type(JSON).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "getWarningRule", summary = "One warning rule / Một quy tắc cảnh báo", description = "Its current version. / Phiên bản hiện tại.")
    @APIResponse(responseCode = "200", description = "The rule / Quy tắc", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = JSON, schema = @Schema(implementation = WarningRuleView.class)))
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    public Response getWarningRule(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        WarningRuleView r = rules.get(Uuids.parse("id", id), callers.get());
        return Response.ok(r, JSON).tag(new EntityTag(String.valueOf(r.version()))).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.ADMIN })
    @Operation(operationId = "updateWarningRule", summary = "Change a warning rule / Sửa quy tắc cảnh báo", description = "A new version, applying from its effectiveFrom (default: now); the readings since are evaluated again under it. Requires If-Match. / Phiên bản mới; cần If-Match.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(implementation = RuleBody.class), examples = @ExampleObject(name = "flood", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The new version / Phiên bản mới", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = JSON, schema = @Schema(implementation = WarningRuleView.class)))
    @APIResponse(responseCode = "400", description = "A rule that cannot be evaluated / Quy tắc không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    @APIResponse(responseCode = "412", description = "Stale If-Match / ETag đã cũ")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    @APIResponse(responseCode = "428", description = "If-Match missing / Thiếu If-Match")
    public Response updateWarningRule(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @HeaderParam("If-Match") @Parameter(description = "The ETag of the version you changed", required = true, schema = @Schema(type = SchemaType.STRING)) String ifMatch,
            InputStream body) {
        WarningRuleView r = rules.update(Uuids.parse("id", id), ifMatch, RecordJson.parse(body), callers.get());
        evaluator.nudge();
        return Response.ok(r, JSON).tag(new EntityTag(String.valueOf(r.version()))).build();
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "listWarningRuleVersions", summary = "A rule's versions / Lịch sử quy tắc", description = "Every version, oldest first, with its author and the time it applies from. / Mọi phiên bản.")
    @APIResponse(responseCode = "200", description = "Every version / Mọi phiên bản", content = @Content(mediaType = JSON, schema = @Schema(implementation = WarningRuleList.class)))
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    public WarningRuleList listWarningRuleVersions(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return rules.versions(Uuids.parse("id", id), callers.get());
    }

    @GET
    @Path("{id}/episodes")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "listWarningEpisodes", summary = "A rule's warnings / Các đợt cảnh báo", description = "Current and past episodes: station, level, since, until, and the threat that carries each. / Các đợt cảnh báo hiện tại và đã qua.")
    @APIResponse(responseCode = "200", description = "Episodes, newest first / Các đợt, mới nhất trước", content = @Content(mediaType = JSON, schema = @Schema(implementation = EpisodeList.class)))
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    public EpisodeList listWarningEpisodes(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return rules.episodes(Uuids.parse("id", id), callers.get());
    }
}
