package org.lienthong.hub.record;

import static org.lienthong.hub.openapi.KindTemplate.A_KIND;
import static org.lienthong.hub.openapi.KindTemplate.KIND;
import static org.lienthong.hub.openapi.KindTemplate.KINDS;
import static org.lienthong.hub.openapi.KindTemplate.VI;

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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.audit.AccessLog;
import org.lienthong.hub.audit.Lineage;
import org.lienthong.hub.audit.dto.LineageView;
import org.lienthong.hub.audit.dto.ProvDocument;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.ingest.IngestService;
import org.lienthong.hub.ingest.dto.ImportResult;
import org.lienthong.hub.openapi.KindTemplate;
import org.lienthong.hub.record.RecordService.Page;
import org.lienthong.hub.record.RecordService.WriteResult;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.RecordValidator.ValidatedRecord;
import org.lienthong.hub.security.Roles;

/**
 * One record collection over REST: {@code /api/v1/threats}, {@code /api/v1/incidents} or {@code /api/v1/resources},
 * each a subclass that names its kind. Thin: parse, validate, delegate to {@link RecordService}, render.
 *
 * <p>
 * The OpenAPI annotations here are written once for the three kinds with the placeholders of {@link KindTemplate}; the
 * contract filter gives each collection its own operation ids and schemas from them.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class RecordCollectionResource {

    static final String JSON = MediaType.APPLICATION_JSON;
    static final String ETAG = "The version number in quotes (\"3\"); send it back in If-Match to change the record";

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

    @Inject
    IngestService ingest;

    @Inject
    Lineage lineage;

    /** The kind this collection holds: {@code threat}, {@code incident} or {@code resource}. */
    protected abstract String kind();

    private String collection() {
        return RecordKinds.collection(kind());
    }

    @POST
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "create" + KIND, summary = "Create " + A_KIND + " / Tạo "
            + VI, description = "Creates version 1. The owner defaults to the caller's organisation; classification defaults to internal. / Tạo phiên bản 1; đơn vị sở hữu mặc định là tổ chức của người gọi.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.BODY), examples = {
            @ExampleObject(name = "incident", summary = "Flood incident / Sự cố lũ lụt", value = OpenApiExamples.INCIDENT),
            @ExampleObject(name = "threat", summary = "Storm warning / Cảnh báo bão", value = OpenApiExamples.THREAT),
            @ExampleObject(name = "resource", summary = "Rescue boats / Xuồng cứu hộ", value = OpenApiExamples.RESOURCE) }))
    @APIResponse(responseCode = "201", description = "Created / Đã tạo", headers = {
            @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Location", description = "The new record's URL", schema = @Schema(type = SchemaType.STRING)) }, content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.RECORD)))
    @APIResponse(responseCode = "400", description = "Invalid record: every bad field is named / Bản ghi không hợp lệ", content = @Content(mediaType = org.lienthong.hub.error.ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = org.lienthong.hub.error.ProblemMapper.Problem.class), examples = @ExampleObject(name = "invalid", value = OpenApiExamples.PROBLEM)))
    @APIResponse(responseCode = "403", description = "Not allowed for this organisation / Không được phép")
    @APIResponse(responseCode = "409", description = "sourceRef already used / sourceRef đã tồn tại")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response create(InputStream body) {
        ValidatedRecord in = validator.validate(kind(), RecordJson.parse(body));
        Stored created = service.create(kind(), in, callers.get()).record();
        touched("write", created);
        return Response.created(location(created)).tag(etag(created)).entity(RecordJson.bytes(created)).type(JSON)
                .build();
    }

    @GET
    @Produces({ JSON, RecordFormats.CSV })
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "list" + KINDS, summary = "List " + KINDS + " / Liệt kê "
            + VI, description = "Current versions, oldest first, in pages; follow 'next' until it is null. Deleted records are left out, and so are drills (current version marked exercise) unless include=exercise. With Accept: text/csv the page is a CSV sheet (canonical columns; the next page's cursor in the Link header) that POST …/import takes back. / Phiên bản hiện tại theo trang; dùng 'next' để sang trang sau; bản ghi diễn tập chỉ có khi include=exercise; có thể xuất CSV.")
    @APIResponse(responseCode = "200", description = "A page / Một trang", headers = @Header(name = "Link", description = "CSV only: the next page, as <url>; rel=\"next\"", schema = @Schema(type = SchemaType.STRING)), content = {
            @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.PAGE)),
            @Content(mediaType = RecordFormats.CSV, schema = @Schema(type = SchemaType.STRING, description = "A CSV sheet with a header row (canonical columns)")) })
    @APIResponse(responseCode = "400", description = "Bad parameter / Tham số không hợp lệ")
    public Response list(
            @QueryParam("limit") @Parameter(description = "Page size, 1–1000 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "50")) String limit,
            @QueryParam("cursor") @Parameter(description = "The 'next' value of the previous page") String cursor,
            @QueryParam("owner") @Parameter(description = "Owner organisation code, e.g. vn.hn") String owner,
            @QueryParam("status") @Parameter(schema = @Schema(ref = KindTemplate.STATUS)) String status,
            @QueryParam("hazardCode") @Parameter(description = "e.g. MH0309", extensions = @Extension(name = KindTemplate.ONLY_FOR, value = "threat,incident")) String hazardCode,
            @QueryParam("domain") @Parameter(schema = @Schema(ref = "Domain"), extensions = @Extension(name = KindTemplate.ONLY_FOR, value = "threat,incident")) String domain,
            @QueryParam("adminCode") @Parameter(description = "An administrative code in location or areas") String adminCode,
            @QueryParam("updatedSince") @Parameter(description = "RFC 3339 timestamp", schema = @Schema(type = SchemaType.STRING, format = "date-time")) String updatedSince,
            @QueryParam("classification") @Parameter(schema = @Schema(ref = "Classification")) String classification,
            @QueryParam(Include.PARAMETER) @Parameter(description = Include.DESCRIPTION, schema = @Schema(implementation = Include.class)) String include,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        ListFilter filter = ListFilter.parse(new ListFilter.Raw(limit, cursor, owner, status, hazardCode, domain,
                adminCode, updatedSince, classification, include), config.page().defaultLimit(),
                config.page().maxLimit());
        Page page = service.list(kind(), filter, callers.get());
        accessLog.record(callers.get().caller(), "api", "read",
                page.items().stream().map(x -> new AccessLog.Touch(kind(), x.version().id())).toList());
        if (RecordFormats.CSV.equals(RecordFormats.choose(headers, JSON, RecordFormats.CSV))) {
            Response.ResponseBuilder r = Response.ok(RecordFormats.csv(kind(), page.items()), RecordFormats.CSV_TYPE);
            if (page.next() != null) {
                r.link(uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build(), "next");
            }
            return r.build();
        }
        return Response.ok(RecordJson.page(page.items(), page.next(), true), JSON).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "get" + KIND, summary = "Get " + A_KIND + " / Xem "
            + VI, description = "The current version: envelope, provenance and content, with its version number as the ETag. A deleted record answers 410; one the caller may not see does not exist for it (404). / Phiên bản hiện tại kèm ETag.")
    @APIResponse(responseCode = "200", description = "The current version, with its ETag / Phiên bản hiện tại", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.RECORD)))
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller / Không tồn tại")
    @APIResponse(responseCode = "406", description = "Asked for a representation this record does not have / Không có định dạng này")
    @APIResponse(responseCode = "410", description = "Deleted / Đã xóa")
    public Response get(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @Context HttpHeaders headers) {
        Stored s = read(id);
        return Response.ok(RecordJson.bytes(s), JSON).tag(etag(s)).build();
    }

    /** The current version, logged as read; for {@link #get} and subclasses that offer other representations. */
    protected Stored read(String id) {
        Stored s = service.get(kind(), uuid(id), callers.get());
        touched("read", s);
        return s;
    }

    @PUT
    @Path("{id}")
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "update" + KIND, summary = "Replace " + A_KIND + " / Cập nhật "
            + VI, description = "Writes a new version when the content differs; identical content returns the current version unchanged. Requires If-Match with the ETag you read. / Cần If-Match với ETag đã đọc; nội dung giống hệt thì không tạo phiên bản mới.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.BODY), examples = {
            @ExampleObject(name = "incident", value = OpenApiExamples.INCIDENT),
            @ExampleObject(name = "threat", value = OpenApiExamples.THREAT),
            @ExampleObject(name = "resource", value = OpenApiExamples.RESOURCE) }))
    @APIResponse(responseCode = "200", description = "The new (or unchanged) version / Phiên bản mới hoặc không đổi", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.RECORD)))
    @APIResponse(responseCode = "400", description = "Invalid record / Bản ghi không hợp lệ")
    @APIResponse(responseCode = "403", description = "Not allowed / Không được phép")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    @APIResponse(responseCode = "410", description = "Deleted / Đã xóa")
    @APIResponse(responseCode = "412", description = "Stale If-Match: someone changed the record first; the ETag header holds the current version / ETag đã cũ")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    @APIResponse(responseCode = "428", description = "If-Match missing / Thiếu If-Match")
    public Response update(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @HeaderParam("If-Match") @Parameter(description = "The ETag of the version you changed, e.g. \"3\"", required = true, schema = @Schema(type = SchemaType.STRING)) List<String> ifMatch,
            InputStream body) {
        UUID uuid = uuid(id);
        String precondition = requireIfMatch(ifMatch);
        ValidatedRecord in = validator.validate(kind(), RecordJson.parse(body));
        if (in.id() != null && !in.id().equals(uuid.toString())) {
            throw HubException.invalid("id", "does not match the id in the path");
        }
        WriteResult result = service.update(kind(), uuid, precondition, in, callers.get());
        touched("write", result.record());
        return Response.ok(RecordJson.bytes(result.record()), JSON).tag(etag(result.record())).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "delete" + KIND, summary = "Delete " + A_KIND + " / Xóa "
            + VI, description = "Writes a tombstone version; history is kept. Requires If-Match. / Ghi phiên bản đánh dấu xóa; lịch sử được giữ nguyên.")
    @APIResponse(responseCode = "204", description = "Deleted / Đã xóa", headers = @Header(name = "ETag", description = "The tombstone's version in quotes", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "403", description = "Not allowed / Không được phép")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    @APIResponse(responseCode = "410", description = "Already deleted / Đã xóa trước đó")
    @APIResponse(responseCode = "412", description = "Stale If-Match / ETag đã cũ")
    @APIResponse(responseCode = "428", description = "If-Match missing / Thiếu If-Match")
    public Response delete(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @HeaderParam("If-Match") @Parameter(description = "The ETag of the version you delete, e.g. \"3\"", required = true, schema = @Schema(type = SchemaType.STRING)) List<String> ifMatch) {
        UUID uuid = uuid(id);
        String precondition = requireIfMatch(ifMatch);
        Stored tombstone = service.delete(kind(), uuid, precondition, callers.get());
        touched("write", tombstone);
        return Response.noContent().tag(etag(tombstone)).build();
    }

    @PUT
    @Path("by-source/{system}/{sourceId}")
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "upsert" + KIND + "BySource", summary = "Upsert " + A_KIND + " by source reference / Ghi "
            + VI
            + " theo mã nguồn", description = "Idempotent: creates the record the first time (201), then updates it (200) or leaves it unchanged (200). If-Match is optional. / Lũy đẳng: lần đầu tạo mới, sau đó cập nhật hoặc giữ nguyên.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.BODY), examples = {
            @ExampleObject(name = "incident", value = OpenApiExamples.INCIDENT),
            @ExampleObject(name = "threat", value = OpenApiExamples.THREAT),
            @ExampleObject(name = "resource", value = OpenApiExamples.RESOURCE) }))
    @APIResponse(responseCode = "200", description = "Updated or unchanged / Đã cập nhật hoặc không đổi", headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.RECORD)))
    @APIResponse(responseCode = "201", description = "Created / Đã tạo", headers = {
            @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Location", description = "The record's URL", schema = @Schema(type = SchemaType.STRING)) }, content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.RECORD)))
    @APIResponse(responseCode = "400", description = "Invalid record, or a sourceRef in the body that differs from the path / Bản ghi không hợp lệ")
    @APIResponse(responseCode = "403", description = "Not allowed / Không được phép")
    @APIResponse(responseCode = "410", description = "Deleted / Đã xóa")
    @APIResponse(responseCode = "412", description = "Stale If-Match / ETag đã cũ")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response upsertBySource(
            @PathParam("system") @Parameter(description = "The source system, e.g. qn-pcttkcn") String system,
            @PathParam("sourceId") @Parameter(description = "The record's id in that system") String sourceId,
            @HeaderParam("If-Match") @Parameter(description = "Optional: the ETag of the version you changed", schema = @Schema(type = SchemaType.STRING)) List<String> ifMatch,
            InputStream body) {
        ValidatedRecord in = validator.validate(kind(), RecordJson.parse(body));
        if (in.sourceSystem() != null && (!in.sourceSystem().equals(system) || !in.sourceId().equals(sourceId))) {
            throw HubException.invalid("sourceRef", "does not match the source reference in the path");
        }
        RecordValidator.checkSourceRef(system, sourceId);
        WriteResult result = service.upsertBySource(kind(), system, sourceId, joined(ifMatch), in, callers.get());
        touched("write", result.record());
        Response.ResponseBuilder builder = result.outcome() == RecordService.Outcome.CREATED
                ? Response.created(location(result.record())) : Response.ok();
        return builder.tag(etag(result.record())).entity(RecordJson.bytes(result.record())).type(JSON).build();
    }

    @POST
    @Path("import")
    @Consumes(RecordFormats.CSV)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "import" + KINDS, summary = "Import a CSV sheet of " + KINDS + " / Nhập bảng CSV "
            + VI, description = "UTF-8 with or without BOM. Columns are canonical field names; nested fields by dot path (location.adminCodes), lists separated by |, impacts as impacts.<metric>. Each row needs sourceRef.system and sourceRef.id and is an idempotent upsert; one bad row does not spoil the others. Results give each row's line number. At most 10 000 rows. An export (Accept: text/csv on a list) imports back unchanged. / Mỗi dòng cần sourceRef; kết quả ghi số dòng.")
    @RequestBody(required = true, content = @Content(mediaType = RecordFormats.CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "incident", value = OpenApiExamples.INCIDENT_CSV)))
    @APIResponse(responseCode = "200", description = "Per-row results / Kết quả từng dòng", content = @Content(mediaType = JSON, schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "Not readable as UTF-8 CSV, or an unusable header / Không đọc được")
    @APIResponse(responseCode = "413", description = "More than 10 000 rows / Quá 10 000 dòng")
    @APIResponse(responseCode = "415", description = "Not text/csv")
    public ImportResult importCsv(InputStream body) {
        ImportResult result = ingest.importCsv(kind(), body, callers.get());
        accessLog.record(callers.get().caller(), "api", "write", result.written(kind()));
        return result;
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "list" + KIND + "Versions", summary = "Version history of " + A_KIND
            + " / Lịch sử phiên bản", description = "Every version, oldest first, each with its provenance. / Mọi phiên bản, cũ nhất trước, kèm nguồn gốc.")
    @APIResponse(responseCode = "200", description = "Every version / Mọi phiên bản", content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.VERSIONS)))
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public Response versions(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        List<Stored> all = service.versions(kind(), uuid(id), callers.get());
        if (!all.isEmpty()) {
            touched("read", all.get(0));
        }
        return Response.ok(RecordJson.page(all, null, false), JSON).build();
    }

    @GET
    @Path("{id}/versions/{n}")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "get" + KIND + "Version", summary = "One version of " + A_KIND
            + " / Một phiên bản", description = "The record as it was at version n, with that version's provenance. / Bản ghi tại phiên bản n.")
    @APIResponse(responseCode = "200", description = "The record as it was at that version / Bản ghi tại phiên bản đó", headers = @Header(name = "ETag", description = "That version's number in quotes", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = JSON, schema = @Schema(ref = KindTemplate.RECORD)))
    @APIResponse(responseCode = "400", description = "Not a UUID or not a version number / Tham số không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public Response version(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @PathParam("n") @Parameter(description = "Version number, 1 or more", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String n) {
        UUID uuid = uuid(id);
        Stored v = service.version(kind(), uuid, versionNumber(n), callers.get());
        touched("read", v);
        return Response.ok(RecordJson.bytes(v), JSON).tag(etag(v)).build();
    }

    @GET
    @Path("{id}/versions/{n}/canonical")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "get" + KIND
            + "VersionCanonical", summary = "The bytes a version's hash is over / Dữ liệu chuẩn hoá của một phiên bản", description = "The version document (record envelope, content, provenance without the hash, parents) in RFC 8785 canonical form, exactly the bytes whose SHA-256 is provenance.hash: `sha256sum` of the body equals it, and any RFC 8785 library re-canonicalises it to the same bytes (AUDIT.md). / Tài liệu phiên bản ở dạng chuẩn RFC 8785; SHA-256 của nội dung bằng provenance.hash.")
    @APIResponse(responseCode = "200", description = "The canonical version document / Tài liệu phiên bản dạng chuẩn", content = @Content(mediaType = JSON, schema = @Schema(implementation = org.lienthong.hub.record.dto.VersionDocument.class)))
    @APIResponse(responseCode = "400", description = "Not a UUID or not a version number / Tham số không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public Response canonicalVersion(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @PathParam("n") @Parameter(description = "Version number, 1 or more", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String n) {
        Stored v = service.version(kind(), uuid(id), versionNumber(n), callers.get());
        touched("read", v);
        // the stored content is parsed and written again, not passed through: rows stored before issue 17 hold the
        // content as the hub wrote it then, not always in its canonical form
        String canonical = VersionHash.canonical(v.version().withStoredContent(v.rawContent()));
        return Response.ok(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON).build();
    }

    @GET
    @Path("{id}/lineage")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "get" + KIND + "Lineage", summary = "Lineage of " + A_KIND
            + " / Dòng dõi bản ghi", description = "Every version (author, activity, time, source reference, connector, parents, hash), every hop between hubs, connector activities (dead letters, replays, discards) and conflicts. Same visibility as reading the record. The same as W3C PROV-JSON: …/lineage/prov. / Mọi phiên bản, các bước chuyển giữa các hub, hoạt động của kết nối và xung đột.")
    @APIResponse(responseCode = "200", description = "The lineage / Dòng dõi", content = @Content(mediaType = JSON, schema = @Schema(implementation = LineageView.class)))
    @APIResponse(responseCode = "400", description = "Not a UUID, or an unknown format / Tham số không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    public Response lineage(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @QueryParam("format") @Parameter(deprecated = true, description = "prov answers with the PROV-JSON document of …/lineage/prov instead; kept for callers written before that path existed", schema = @Schema(enumeration = {
                    "json", "prov" }, defaultValue = "json")) String format) {
        if (format != null && !format.equals("prov") && !format.equals("json")) {
            throw HubException.invalid("format", "must be prov or json");
        }
        LineageView view = lineageOf(id);
        return Response.ok("prov".equals(format) ? lineage.prov(view) : view, JSON).build();
    }

    @GET
    @Path("{id}/lineage/prov")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "get" + KIND + "LineageProv", summary = "Lineage of " + A_KIND
            + " as W3C PROV-JSON / Dòng dõi theo PROV-JSON", description = "The lineage as a W3C PROV-JSON document: each version an entity generated by an activity, associated with its author, the author's organisation, the connector that wrote it and the hub that recorded it; versions derived from their parents; hops and connector activities as activities. / Dòng dõi dưới dạng tài liệu W3C PROV-JSON.")
    @APIResponse(responseCode = "200", description = "A PROV-JSON document / Tài liệu PROV-JSON", content = @Content(mediaType = JSON, schema = @Schema(implementation = ProvDocument.class)))
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    public ProvDocument lineageProv(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return lineage.prov(lineageOf(id));
    }

    private LineageView lineageOf(String id) {
        UUID uuid = uuid(id);
        List<Stored> versions = service.versions(kind(), uuid, callers.get());
        accessLog.record(callers.get().caller(), "api", "read", kind(), uuid);
        return lineage.of(kind(), uuid, versions);
    }

    private void touched(String action, Stored s) {
        accessLog.record(callers.get().caller(), "api", action, s.version().kind(), s.version().id());
    }

    private URI location(Stored s) {
        return URI.create("/api/v1/" + collection() + "/" + s.version().id());
    }

    protected static EntityTag etag(Stored s) {
        return new EntityTag(String.valueOf(s.version().version()));
    }

    /** All If-Match header lines as one value, or {@code null} without any: the framework may split at commas. */
    private static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static String requireIfMatch(List<String> values) {
        String ifMatch = joined(values);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw HubException.preconditionRequired(
                    "send If-Match with the ETag of the version you are changing (GET the record to learn it)");
        }
        return ifMatch;
    }

    private static int versionNumber(String n) {
        try {
            int number = Integer.parseInt(n);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HubException.invalid("n", "must be a version number (1, 2, 3 …)");
    }

    private static UUID uuid(String id) {
        return Uuids.parse("id", id);
    }
}
