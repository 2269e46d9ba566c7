package org.lienthong.hub.warning;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.security.Roles;
import org.lienthong.hub.warning.dto.IndicatorDefinition;
import org.lienthong.hub.warning.dto.IndicatorList;

/** The indicator catalogue: what stations measure. Everyone reads it; admins change it. */
@Path("/api/v1/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Early warning")
public class IndicatorResource {

    static final String EXAMPLE = """
            {"code": "river-salinity", "name": "Độ mặn sông", "nameEn": "River salinity", "unit": "[ppth]",
             "domain": "water", "description": "At the river mouth stations of the Mekong delta"}""";

    @Inject
    StationService stations;

    @Inject
    AccessResolver callers;

    @GET
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "listIndicators", summary = "The indicator catalogue / Danh mục chỉ tiêu", description = "Every indicator, by code; the hub ships a catalogue covering the seven monitoring fields. / Mọi chỉ tiêu quan trắc.")
    @APIResponse(responseCode = "200", description = "The catalogue / Danh mục", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorList.class)))
    public IndicatorList listIndicators() {
        return new IndicatorList(stations.indicators());
    }

    @GET
    @Path("{code}")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "getIndicator", summary = "One indicator / Một chỉ tiêu", description = "Its name, UCUM unit and monitoring field. / Tên, đơn vị và lĩnh vực.")
    @APIResponse(responseCode = "200", description = "The indicator / Chỉ tiêu", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorDefinition.class)))
    @APIResponse(responseCode = "404", description = "Unknown / Không tồn tại")
    public IndicatorDefinition getIndicator(@PathParam("code") String code) {
        return stations.indicator(code);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createIndicator", summary = "Add an indicator / Thêm chỉ tiêu", description = "Admin only; an existing code is replaced. / Chỉ quản trị viên.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorDefinition.class), examples = @ExampleObject(name = "salinity", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Added / Đã thêm", headers = @Header(name = "Location", description = "The indicator's URL", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorDefinition.class)))
    @APIResponse(responseCode = "200", description = "Replaced / Đã thay", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorDefinition.class)))
    @APIResponse(responseCode = "400", description = "Invalid / Không hợp lệ")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response createIndicator(InputStream body) {
        var json = RecordJson.parse(body);
        boolean created = stations.putIndicator(json, null, callers.get());
        IndicatorDefinition i = stations.indicator(json.path("code").asText());
        return (created ? Response.created(URI.create("/api/v1/indicators/" + i.code())) : Response.ok()).entity(i)
                .type(MediaType.APPLICATION_JSON).build();
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateIndicator", summary = "Change an indicator / Sửa chỉ tiêu", description = "Admin only. / Chỉ quản trị viên.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorDefinition.class), examples = @ExampleObject(name = "salinity", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Changed / Đã sửa", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorDefinition.class)))
    @APIResponse(responseCode = "400", description = "Invalid / Không hợp lệ")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public IndicatorDefinition updateIndicator(@PathParam("code") String code, InputStream body) {
        stations.putIndicator(RecordJson.parse(body), code, callers.get());
        return stations.indicator(code);
    }
}
