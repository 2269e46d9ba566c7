package org.lienthong.hub.org;

import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import org.lienthong.hub.org.dto.AgreementInput;
import org.lienthong.hub.org.dto.AgreementList;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.Uuids;
import org.lienthong.hub.security.Caller;
import org.lienthong.hub.security.CurrentCaller;
import org.lienthong.hub.security.Roles;

@Path("/api/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreements", description = "Sharing agreements between organisations / Thỏa thuận chia sẻ dữ liệu")
public class AgreementResource {

    static final String EXAMPLE = """
            {"grantor": "vn.mae", "grantee": "vn.moh", "kinds": ["threat", "incident"],
             "maxClassification": "internal", "purpose": "Cảnh báo dịch bệnh sau lũ / Post-flood epidemic warning",
             "validFrom": "2026-11-01T00:00:00Z", "validUntil": "2027-11-01T00:00:00Z"}""";

    @Inject
    AgreementStore store;

    @Inject
    CurrentCaller callers;

    @GET
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "List agreements / Liệt kê thỏa thuận", description = "Admins and auditors see all; others the agreements their organisation is party to. / Quản trị viên và kiểm toán viên xem tất cả.")
    @APIResponse(responseCode = "200", description = "Agreements / Các thỏa thuận", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementList.class)))
    public AgreementList listAgreements() {
        Caller caller = callers.get();
        boolean all = caller.isAdmin() || caller.has(Roles.AUDITOR);
        return new AgreementList(store.list(all ? null : caller.org()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an agreement / Tạo thỏa thuận", description = "Admin only. / Chỉ quản trị viên.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementInput.class), examples = @ExampleObject(name = "agreement", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created / Đã tạo", headers = @Header(name = "Location", description = "The agreement's URL", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Agreement.class)))
    @APIResponse(responseCode = "400", description = "Invalid / Không hợp lệ")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response createAgreement(InputStream body) {
        Caller caller = callers.get();
        Agreement created = store.create(RecordJson.parse(body), caller.org() + "/" + caller.subject());
        return Response.created(URI.create("/api/v1/agreements/" + created.id())).entity(created).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "End an agreement / Chấm dứt thỏa thuận", description = "Admin only; takes effect at once. / Có hiệu lực ngay.")
    @APIResponse(responseCode = "204", description = "Deleted / Đã xóa")
    @APIResponse(responseCode = "400", description = "Not a UUID / Mã không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public Response deleteAgreement(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        if (!store.delete(Uuids.parse("id", id))) {
            throw HubException.notFound("no agreement " + id);
        }
        return Response.noContent().build();
    }
}
