package org.lienthong.hub.org;

import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.dto.OrganizationList;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.security.Roles;

@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "Organisation registry / Danh mục tổ chức")
public class OrganizationResource {

    static final String EXAMPLE = """
            {"code": "vn.hn.ba-dinh", "name": "Phường Ba Đình", "nameEn": "Ba Dinh Ward", "parent": "vn.hn", "kind": "commune"}""";

    @Inject
    OrganizationRegistry registry;

    @GET
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "List organisations / Liệt kê tổ chức", description = "The whole registry in hierarchy order, or the children of one organisation. / Toàn bộ danh mục hoặc các đơn vị trực thuộc.")
    @APIResponse(responseCode = "200", description = "Organisations / Các tổ chức", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationList.class)))
    public OrganizationList listOrganizations(
            @QueryParam("parent") @Parameter(description = "Only the organisations directly below this one", example = "vn.hn") String parent) {
        return new OrganizationList(registry.list(parent));
    }

    @GET
    @Path("{code}")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "One organisation / Một tổ chức")
    @APIResponse(responseCode = "200", description = "The organisation / Tổ chức", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Organization.class)))
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public Organization getOrganization(@PathParam("code") String code) {
        return registry.find(code).orElseThrow(() -> HubException.notFound("no organisation " + code));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an organisation / Đăng ký tổ chức", description = "Admin only. / Chỉ quản trị viên.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationInput.class), examples = @ExampleObject(name = "commune", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Registered / Đã đăng ký", headers = @Header(name = "Location", description = "The organisation's URL", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Organization.class)))
    @APIResponse(responseCode = "400", description = "Invalid / Không hợp lệ")
    @APIResponse(responseCode = "403", description = "Not an admin / Không phải quản trị viên")
    @APIResponse(responseCode = "409", description = "Code exists / Mã đã tồn tại")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response createOrganization(InputStream body) {
        Organization created = registry.create(OrganizationInput.from(RecordJson.parse(body), null));
        return Response.created(URI.create("/api/v1/organizations/" + created.code())).entity(created).build();
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change an organisation / Sửa tổ chức", description = "Admin only. A new parent moves the whole subtree; codes never change. / Đổi đơn vị cấp trên sẽ chuyển cả cây con.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationInput.class), examples = @ExampleObject(name = "commune", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Changed / Đã sửa", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Organization.class)))
    @APIResponse(responseCode = "403", description = "Not an admin / Không phải quản trị viên")
    @APIResponse(responseCode = "400", description = "Invalid, or a cycle / Không hợp lệ hoặc tạo vòng lặp")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public Organization updateOrganization(@PathParam("code") String code, InputStream body) {
        return registry.update(OrganizationInput.from(RecordJson.parse(body), code));
    }
}
