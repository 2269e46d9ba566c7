package org.lienthong.hub.record;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.api.schema.Incident;
import org.lienthong.hub.api.schema.Resource;
import org.lienthong.hub.api.schema.Threat;
import org.lienthong.hub.audit.AccessLog;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.error.ProblemMapper;
import org.lienthong.hub.record.RecordService.Page;
import org.lienthong.hub.record.RecordService.WriteResult;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.RecordValidator.ValidatedRecord;
import org.lienthong.hub.security.Roles;

/**
 * Threats, incidents and resources over REST. Thin: parse, validate, delegate to {@link RecordService}, render. The
 * three collections share one contract, so one resource serves them, with the collection as a constrained path
 * parameter.
 */
@Path("/api/v1/{kinds: " + RecordKinds.COLLECTIONS + "}")
@Tag(name = "Records", description = "Threats, incidents and resources / Mối đe dọa, sự cố và nguồn lực")
@Produces(MediaType.APPLICATION_JSON)
public class RecordResource {

    static final String JSON = MediaType.APPLICATION_JSON;

    @Inject
    RecordService service;

    @Inject
    RecordValidator validator;

    @Inject
    HubConfig config;

    @Inject
    AccessResolver callers;

    @Inject
    AccessLog accessLog;

    @POST
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(summary = "Create a record / Tạo bản ghi", description = "Creates version 1. The owner defaults to the caller's organisation; classification defaults to internal. / Tạo phiên bản 1; đơn vị sở hữu mặc định là tổ chức của người gọi.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(oneOf = { Threat.class,
            Incident.class, Resource.class }), examples = {
                    @ExampleObject(name = "incident", summary = "Flood incident / Sự cố lũ lụt", value = OpenApiExamples.INCIDENT),
                    @ExampleObject(name = "threat", summary = "Storm warning / Cảnh báo bão", value = OpenApiExamples.THREAT),
                    @ExampleObject(name = "resource", summary = "Rescue boats / Xuồng cứu hộ", value = OpenApiExamples.RESOURCE) }))
    @APIResponse(responseCode = "201", description = "Created / Đã tạo", content = @Content(mediaType = JSON, schema = @Schema(oneOf = {
            Threat.class, Incident.class, Resource.class })))
    @APIResponse(responseCode = "400", description = "Invalid record / Bản ghi không hợp lệ", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = ProblemMapper.Problem.class), examples = @ExampleObject(name = "invalid", value = OpenApiExamples.PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid token / Thiếu hoặc sai mã thông báo")
    @APIResponse(responseCode = "403", description = "Not allowed for this organisation / Không được phép")
    @APIResponse(responseCode = "409", description = "sourceRef already used / sourceRef đã tồn tại")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response create(@PathParam("kinds") @Parameter(schema = @Schema(enumeration = { "threats", "incidents",
            "resources" })) String kinds, InputStream body) {
        String kind = RecordKinds.fromCollection(kinds);
        ValidatedRecord in = validator.validate(kind, RecordJson.parse(body));
        Stored created = service.create(kind, in, callers.get()).record();
        touched("write", created);
        return Response.created(URI.create("/api/v1/" + kinds + "/" + created.version().id()))
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(created.version().version())))
                .entity(render(created)).type(JSON).build();
    }

    @GET
    @Produces({ JSON, RecordFormats.CSV })
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "List records / Liệt kê bản ghi", description = "Current versions, oldest first, in pages; follow 'next' until it is null. Deleted records are left out. With Accept: text/csv the page is a CSV sheet (canonical columns; the next page's cursor in the Link header) that POST …/import takes back. / Phiên bản hiện tại theo trang; dùng 'next' để sang trang sau; có thể xuất CSV.")
    @APIResponse(responseCode = "200", description = "A page / Một trang", content = {
            @Content(mediaType = JSON, examples = @ExampleObject(name = "page", value = OpenApiExamples.PAGE)),
            @Content(mediaType = RecordFormats.CSV) })
    @APIResponse(responseCode = "400", description = "Bad parameter / Tham số không hợp lệ", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = ProblemMapper.Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token / Thiếu hoặc sai mã thông báo")
    public Response list(@PathParam("kinds") String kinds,
            @QueryParam("limit") @Parameter(description = "Page size, 1–1000 (default 50)", schema = @Schema(type = SchemaType.INTEGER)) String limit,
            @QueryParam("cursor") @Parameter(description = "The 'next' value of the previous page") String cursor,
            @QueryParam("owner") @Parameter(description = "Owner organisation code, e.g. vn.hn") String owner,
            @QueryParam("status") String status,
            @QueryParam("hazardCode") @Parameter(description = "e.g. MH0309") String hazardCode,
            @QueryParam("domain") String domain,
            @QueryParam("adminCode") @Parameter(description = "An administrative code in location or areas") String adminCode,
            @QueryParam("updatedSince") @Parameter(description = "RFC 3339 timestamp") String updatedSince,
            @QueryParam("classification") String classification, @Context HttpHeaders headers, @Context UriInfo uri) {
        String kind = RecordKinds.fromCollection(kinds);
        ListFilter filter = ListFilter.parse(new ListFilter.Raw(limit, cursor, owner, status, hazardCode, domain,
                adminCode, updatedSince, classification), config.page().defaultLimit(), config.page().maxLimit());
        Page page = service.list(kind, filter, callers.get());
        accessLog.record(callers.get().caller(), "api", "read",
                page.items().stream().map(x -> new AccessLog.Touch(kind, x.version().id())).toList());
        if (RecordFormats.CSV.equals(RecordFormats.choose(headers, JSON, RecordFormats.CSV))) {
            Response.ResponseBuilder r = Response.ok(RecordFormats.csv(kind, page.items()), RecordFormats.CSV_TYPE);
            if (page.next() != null) {
                r.link(uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build(), "next");
            }
            return r.build();
        }
        return Response.ok(RecordJson.page(page.items(), page.next(), true), JSON).build();
    }

    @GET
    @Path("{id}")
    @Produces({ JSON, RecordFormats.CAP })
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Get a record / Xem bản ghi", description = "With Accept: application/cap+xml a threat is returned as an OASIS CAP 1.2 alert (valid against the CAP 1.2 schema) for public alerting channels. / Mối đe dọa có thể lấy dưới dạng cảnh báo CAP 1.2.")
    @APIResponse(responseCode = "200", description = "The current version, with its ETag / Phiên bản hiện tại", content = {
            @Content(mediaType = JSON, schema = @Schema(oneOf = { Threat.class, Incident.class, Resource.class })),
            @Content(mediaType = RecordFormats.CAP) })
    @APIResponse(responseCode = "406", description = "CAP asked for something that is not a threat / CAP chỉ dành cho mối đe dọa")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    @APIResponse(responseCode = "410", description = "Deleted / Đã xóa")
    public Response get(@PathParam("kinds") String kinds, @PathParam("id") String id, @Context HttpHeaders headers) {
        String kind = RecordKinds.fromCollection(kinds);
        boolean cap = RecordFormats.CAP.equals(RecordFormats.choose(headers, JSON, RecordFormats.CAP));
        if (cap && !"threat".equals(kind)) {
            throw new HubException(406, "/problems/not-acceptable", "Not acceptable",
                    "only threats can be given as CAP alerts; ask for application/json");
        }
        Stored s = service.get(kind, uuid(id), callers.get());
        touched("read", s);
        if (cap) {
            return Response.ok(RecordFormats.cap(s, config.id()), RecordFormats.CAP)
                    .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(s.version().version()))).build();
        }
        return single(s, Response.Status.OK);
    }

    @PUT
    @Path("{id}")
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(summary = "Replace a record / Cập nhật bản ghi", description = "Writes a new version when the content differs; identical content returns the current version unchanged. Requires If-Match with the ETag you read. / Cần If-Match với ETag đã đọc; nội dung giống hệt thì không tạo phiên bản mới.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(oneOf = { Threat.class,
            Incident.class,
            Resource.class }), examples = @ExampleObject(name = "incident", value = OpenApiExamples.INCIDENT)))
    @APIResponse(responseCode = "200", description = "The new (or unchanged) version / Phiên bản mới hoặc không đổi")
    @APIResponse(responseCode = "400", description = "Invalid record / Bản ghi không hợp lệ", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = ProblemMapper.Problem.class)))
    @APIResponse(responseCode = "403", description = "Not allowed / Không được phép")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    @APIResponse(responseCode = "410", description = "Deleted / Đã xóa")
    @APIResponse(responseCode = "412", description = "Stale If-Match / ETag đã cũ")
    @APIResponse(responseCode = "428", description = "If-Match missing / Thiếu If-Match")
    public Response update(@PathParam("kinds") String kinds, @PathParam("id") String id,
            @HeaderParam("If-Match") @Parameter(description = "The ETag of the version you changed", required = true) List<String> ifMatchValues,
            InputStream body) {
        String kind = RecordKinds.fromCollection(kinds);
        String ifMatch = joined(ifMatchValues);
        UUID uuid = uuid(id);
        requireIfMatch(ifMatch);
        ValidatedRecord in = validator.validate(kind, RecordJson.parse(body));
        if (in.id() != null && !in.id().equals(uuid.toString())) {
            throw HubException.invalid("id", "does not match the id in the path");
        }
        WriteResult result = service.update(kind, uuid, ifMatch, in, callers.get());
        touched("write", result.record());
        return single(result.record(), Response.Status.OK);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(summary = "Delete a record / Xóa bản ghi", description = "Writes a tombstone version; history is kept. Requires If-Match. / Ghi phiên bản đánh dấu xóa; lịch sử được giữ nguyên.")
    @APIResponse(responseCode = "204", description = "Deleted / Đã xóa")
    @APIResponse(responseCode = "403", description = "Not allowed / Không được phép")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    @APIResponse(responseCode = "410", description = "Already deleted / Đã xóa trước đó")
    @APIResponse(responseCode = "412", description = "Stale If-Match / ETag đã cũ")
    @APIResponse(responseCode = "428", description = "If-Match missing / Thiếu If-Match")
    public Response delete(@PathParam("kinds") String kinds, @PathParam("id") String id,
            @HeaderParam("If-Match") @Parameter(required = true) List<String> ifMatchValues) {
        String kind = RecordKinds.fromCollection(kinds);
        String ifMatch = joined(ifMatchValues);
        UUID uuid = uuid(id);
        requireIfMatch(ifMatch);
        Stored tombstone = service.delete(kind, uuid, ifMatch, callers.get());
        touched("write", tombstone);
        return Response.noContent().tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(tombstone.version().version())))
                .build();
    }

    @PUT
    @Path("by-source/{system}/{sourceId}")
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(summary = "Upsert by source reference / Ghi theo mã nguồn", description = "Idempotent: creates the record the first time (201), then updates it (200) or leaves it unchanged (200). If-Match is optional. / Lũy đẳng: lần đầu tạo mới, sau đó cập nhật hoặc giữ nguyên.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(oneOf = { Threat.class,
            Incident.class,
            Resource.class }), examples = @ExampleObject(name = "incident", value = OpenApiExamples.INCIDENT)))
    @APIResponse(responseCode = "200", description = "Updated or unchanged / Đã cập nhật hoặc không đổi")
    @APIResponse(responseCode = "201", description = "Created / Đã tạo")
    @APIResponse(responseCode = "400", description = "Invalid record / Bản ghi không hợp lệ", content = @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = ProblemMapper.Problem.class)))
    @APIResponse(responseCode = "403", description = "Not allowed / Không được phép")
    @APIResponse(responseCode = "410", description = "Deleted / Đã xóa")
    @APIResponse(responseCode = "412", description = "Stale If-Match / ETag đã cũ")
    public Response upsertBySource(@PathParam("kinds") String kinds, @PathParam("system") String system,
            @PathParam("sourceId") String sourceId, @HeaderParam("If-Match") List<String> ifMatchValues,
            InputStream body) {
        String kind = RecordKinds.fromCollection(kinds);
        String ifMatch = joined(ifMatchValues);
        ValidatedRecord in = validator.validate(kind, RecordJson.parse(body));
        if (in.sourceSystem() != null && (!in.sourceSystem().equals(system) || !in.sourceId().equals(sourceId))) {
            throw HubException.invalid("sourceRef", "does not match the source reference in the path");
        }
        RecordValidator.checkSourceRef(system, sourceId);
        WriteResult result = service.upsertBySource(kind, system, sourceId, ifMatch, in, callers.get());
        touched("write", result.record());
        Response.Status status = result.outcome() == RecordService.Outcome.CREATED ? Response.Status.CREATED
                : Response.Status.OK;
        Response.ResponseBuilder builder = Response.status(status)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(result.record().version().version())))
                .entity(render(result.record())).type(JSON);
        if (status == Response.Status.CREATED) {
            builder.location(URI.create("/api/v1/" + kinds + "/" + result.record().version().id()));
        }
        return builder.build();
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Version history / Lịch sử phiên bản", description = "Every version, oldest first, each with its provenance. / Mọi phiên bản, cũ nhất trước, kèm nguồn gốc.")
    @APIResponse(responseCode = "200", description = "{ \"items\": [ …versions… ] }")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public Response versions(@PathParam("kinds") String kinds, @PathParam("id") String id) {
        String kind = RecordKinds.fromCollection(kinds);
        List<Stored> all = service.versions(kind, uuid(id), callers.get());
        if (!all.isEmpty()) {
            touched("read", all.get(0));
        }
        return Response.ok(RecordJson.page(all, null, false), JSON).build();
    }

    @GET
    @Path("{id}/versions/{n}")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "One version / Một phiên bản")
    @APIResponse(responseCode = "200", description = "The record as it was at that version / Bản ghi tại phiên bản đó")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public Response version(@PathParam("kinds") String kinds, @PathParam("id") String id,
            @PathParam("n") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String n) {
        String kind = RecordKinds.fromCollection(kinds);
        UUID uuid = uuid(id);
        int number;
        try {
            number = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw HubException.invalid("n", "must be a version number (1, 2, 3 …)");
        }
        if (number < 1) {
            throw HubException.invalid("n", "must be a version number (1, 2, 3 …)");
        }
        Stored v = service.version(kind, uuid, number, callers.get());
        touched("read", v);
        return Response.ok(RecordJson.bytes(v), JSON)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(v.version().version()))).build();
    }

    private void touched(String action, Stored s) {
        accessLog.record(callers.get().caller(), "api", action, s.version().kind(), s.version().id());
    }

    private static Response single(Stored s, Response.Status status) {
        return Response.status(status).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(s.version().version())))
                .entity(render(s)).type(JSON).build();
    }

    private static byte[] render(Stored s) {
        return RecordJson.bytes(s);
    }

    /** All If-Match header lines as one list, or {@code null} without any: the framework may split at commas. */
    private static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static void requireIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw HubException.preconditionRequired(
                    "send If-Match with the ETag of the version you are changing (GET the record to learn it)");
        }
    }

    private static UUID uuid(String id) {
        return Uuids.parse("id", id);
    }
}
