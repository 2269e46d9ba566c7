package org.lienthong.hub.connector;

import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.connector.dto.ConfigCheck;
import org.lienthong.hub.connector.dto.ConfigValidation;
import org.lienthong.hub.connector.dto.ConnectorInstance;
import org.lienthong.hub.connector.dto.ConnectorList;
import org.lienthong.hub.connector.dto.ConnectorRequest;
import org.lienthong.hub.connector.dto.ConnectorTypeList;
import org.lienthong.hub.connector.dto.ConnectorUpdate;
import org.lienthong.hub.connector.dto.DeadLetter;
import org.lienthong.hub.connector.dto.DeadLetterList;
import org.lienthong.hub.security.Roles;

/**
 * Connector types and instances. Admins configure and operate instances; auditors may look. Secret configuration fields
 * are write-only: no response carries them, a reconfiguration that omits one keeps it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors", description = "Connector types and instances / Loại và phiên bản kết nối")
public class ConnectorResource {

    static final String INSTANCE_EXAMPLE = """
            {"name": "central", "type": "hub-peer",
             "config": {"url": "https://central.lienthong.gov.vn", "token": "eyJ…", "direction": "both",
                        "kinds": ["threat", "incident"], "intervalSeconds": 5},
             "actAs": {"org": "vn", "clearance": "restricted"}}""";

    static final String UPDATE_EXAMPLE = """
            {"config": {"url": "https://central.lienthong.gov.vn", "direction": "pull",
                        "kinds": ["threat", "incident", "resource"], "intervalSeconds": 10},
             "actAs": {"org": "vn", "clearance": "internal"}}""";

    static final String CHECK_EXAMPLE = """
            {"type": "cap", "config": {"url": "https://nchmf.gov.vn/cap/feed.atom", "owner": "vn.nchmf"}}""";

    @Inject
    ConnectorService connectors;

    @GET
    @Path("connector-types")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Installed connector types / Các loại kết nối đã cài", description = "Each type with its configuration fields (type, required, default, secret). / Mỗi loại với các trường cấu hình.")
    @APIResponse(responseCode = "200", description = "The installed types / Các loại đã cài", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorTypeList.class)))
    public ConnectorTypeList listConnectorTypes() {
        return connectors.types();
    }

    @POST
    @Path("connectors/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Check a configuration / Kiểm tra cấu hình", description = "Body {type, config}. No side effects, no network calls. / Không lưu gì, không kết nối mạng.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigCheck.class), examples = @ExampleObject(name = "cap", value = CHECK_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Whether the configuration is usable, and every problem / Hợp lệ hay không, kèm mọi lỗi", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigValidation.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON object, or no installed type / Không phải đối tượng JSON hoặc loại chưa cài")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public ConfigValidation validateConnectorConfig(InputStream body) {
        return connectors.validate(body);
    }

    @POST
    @Path("connectors")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an instance / Tạo phiên bản kết nối", description = "Body {name, type, config, actAs: {org, clearance}}. The instance acts as 'connector:<name>' of organisation actAs.org (default: the caller's) with that clearance (default restricted): what it reads and writes follows the access rules for that identity. It starts at once. / Phiên bản hoạt động với danh tính riêng.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorRequest.class), examples = @ExampleObject(name = "hub-peer", value = INSTANCE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; the instance without its secrets / Đã tạo", headers = @Header(name = "Location", description = "The instance's URL", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorInstance.class)))
    @APIResponse(responseCode = "400", description = "Invalid configuration / Cấu hình không hợp lệ")
    @APIResponse(responseCode = "409", description = "The name is taken / Tên đã dùng")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response createConnector(InputStream body) {
        ConnectorInstance created = connectors.create(body);
        return Response.created(URI.create("/api/v1/connectors/" + created.name())).entity(created).build();
    }

    @PUT
    @Path("connectors/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reconfigure an instance / Cấu hình lại", description = "Body {config, actAs} (type may be given and must not change). Secret fields left out keep their value. The instance reopens with the new configuration and keeps its checkpoints; a failure is forgotten. / Trường bí mật bỏ trống thì giữ nguyên.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorUpdate.class), examples = @ExampleObject(name = "hub-peer", value = UPDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The instance / Phiên bản", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorInstance.class)))
    @APIResponse(responseCode = "400", description = "Invalid configuration, or a change of name or type / Cấu hình không hợp lệ")
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    @APIResponse(responseCode = "409", description = "The instance's type is not installed on this hub / Loại kết nối chưa được cài")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public ConnectorInstance updateConnector(@PathParam("name") String name, InputStream body) {
        return connectors.reconfigure(name, body);
    }

    @GET
    @Path("connectors")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Instances / Các phiên bản kết nối", description = "Every instance with its state (running, paused, failed, stopped), lanes (checkpoint, last run, counts, last error) and open dead letters. / Trạng thái của mọi phiên bản.")
    @APIResponse(responseCode = "200", description = "Every instance, by name / Mọi phiên bản", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorList.class)))
    public ConnectorList listConnectors() {
        return connectors.list();
    }

    @GET
    @Path("connectors/{name}")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "One instance / Một phiên bản kết nối")
    @APIResponse(responseCode = "200", description = "The instance, without secrets / Không kèm bí mật", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorInstance.class)))
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public ConnectorInstance getConnector(@PathParam("name") String name) {
        return connectors.get(name);
    }

    @DELETE
    @Path("connectors/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an instance / Xoá phiên bản kết nối", description = "Stops it and removes its checkpoints and dead letters. Records it wrote stay, with their provenance. / Bản ghi đã ghi vẫn giữ nguyên.")
    @APIResponse(responseCode = "204", description = "Deleted / Đã xoá")
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public void deleteConnector(@PathParam("name") String name) {
        connectors.delete(name);
    }

    @POST
    @Path("connectors/{name}/pause")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Pause / Tạm dừng", description = "Finishes the batch in hand, then stops; checkpoints are kept.")
    @APIResponse(responseCode = "200", description = "The instance / Phiên bản", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorInstance.class)))
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public ConnectorInstance pauseConnector(@PathParam("name") String name) {
        return connectors.pause(name);
    }

    @POST
    @Path("connectors/{name}/resume")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Resume / Tiếp tục", description = "Starts a paused or failed instance again at once, from its checkpoints.")
    @APIResponse(responseCode = "200", description = "The instance / Phiên bản", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorInstance.class)))
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public ConnectorInstance resumeConnector(@PathParam("name") String name) {
        return connectors.resume(name);
    }

    @POST
    @Path("connectors/{name}/run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run now / Chạy ngay", description = "Polls and delivers without waiting for the interval or a retry delay (a paused instance stays paused).")
    @APIResponse(responseCode = "202", description = "Requested; the instance / Đã yêu cầu", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectorInstance.class)))
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public Response runConnector(@PathParam("name") String name) {
        return Response.accepted(connectors.run(name)).build();
    }

    @GET
    @Path("connectors/{name}/dead-letters")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Dead letters / Hàng đợi lỗi", description = "Items the hub or the receiving system refused, oldest first, with the reason. status=open (default), replayed, discarded or all. / Các mục bị từ chối kèm lý do.")
    @APIResponse(responseCode = "200", description = "The dead letters, oldest first (at most 1000) / Các mục, cũ nhất trước", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetterList.class)))
    @APIResponse(responseCode = "400", description = "Unknown status / Trạng thái không hợp lệ")
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public DeadLetterList listDeadLetters(@PathParam("name") String name,
            @Parameter(description = "Which dead letters: open (default), replayed, discarded or all / Lọc theo trạng thái", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "open", "replayed", "discarded",
                    "all" }, defaultValue = "open")) @QueryParam("status") String status) {
        return connectors.deadLetters(name, status);
    }

    @POST
    @Path("connectors/{name}/dead-letters/{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replay a dead letter / Xử lý lại", description = "A source item is written again as the instance's identity; a sink change is delivered again (same version, same hash). Recorded in the record's lineage. / Ghi lại vào dòng dõi bản ghi.")
    @APIResponse(responseCode = "200", description = "Replayed; the dead letter / Đã xử lý lại", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "No such instance or dead letter / Không tồn tại")
    @APIResponse(responseCode = "409", description = "Refused again (the reason is kept) or not open / Vẫn bị từ chối")
    @APIResponse(responseCode = "502", description = "The receiving system failed / Hệ thống nhận lỗi")
    public DeadLetter replayDeadLetter(@PathParam("name") String name,
            @Parameter(description = "The dead letter's id / Mã mục", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return connectors.replay(name, id);
    }

    @POST
    @Path("connectors/{name}/dead-letters/{id}/discard")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Discard a dead letter / Bỏ qua", description = "Closes it without writing or delivering. Recorded in the record's lineage. / Ghi lại vào dòng dõi bản ghi.")
    @APIResponse(responseCode = "200", description = "Discarded; the dead letter / Đã bỏ qua", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "No such instance or dead letter / Không tồn tại")
    @APIResponse(responseCode = "409", description = "Not open / Không còn mở")
    public DeadLetter discardDeadLetter(@PathParam("name") String name,
            @Parameter(description = "The dead letter's id / Mã mục", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return connectors.discard(name, id);
    }
}
