package org.lienthong.hub.warning;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

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
import org.lienthong.hub.api.csv.Csv;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.security.Roles;
import org.lienthong.hub.warning.dto.Observation;
import org.lienthong.hub.warning.dto.ObservationPage;
import org.lienthong.hub.warning.dto.Station;
import org.lienthong.hub.warning.dto.StationInput;
import org.lienthong.hub.warning.dto.StationList;

/** The station registry, and each station's readings. */
@Path("/api/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Early warning", description = "Stations, indicators, observations and warning rules / Trạm, chỉ tiêu, quan trắc và quy tắc cảnh báo")
public class StationResource {

    static final String JSON = MediaType.APPLICATION_JSON;
    static final String CSV = "text/csv";

    static final String EXAMPLE = """
            {"code": "vn.nchmf.hoi-an", "name": "Trạm thủy văn Hội An", "owner": "vn",
             "classification": "public",
             "location": {"description": "Sông Thu Bồn, Hội An", "adminCodes": ["49", "49.503"],
                          "geometry": {"type": "Point", "coordinates": [108.3287, 15.8801]}},
             "attributes": {"basin": "Vu Gia - Thu Bồn", "zone": 2}}""";

    @Inject
    StationService stations;

    @Inject
    ObservationService observations;

    @Inject
    AccessResolver callers;

    @GET
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "listStations", summary = "List stations / Liệt kê trạm", description = "The stations the caller may see, by code, in pages. / Các trạm theo mã.")
    @APIResponse(responseCode = "200", description = "A page of stations / Một trang trạm", content = @Content(mediaType = JSON, schema = @Schema(implementation = StationList.class)))
    @APIResponse(responseCode = "400", description = "Bad parameter / Tham số không hợp lệ")
    public StationList listStations(
            @QueryParam("limit") @Parameter(description = "1–1000, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) Integer limit,
            @QueryParam("cursor") @Parameter(description = "The 'next' of the previous page") String cursor,
            @QueryParam("owner") @Parameter(description = "Only this organisation's stations") String owner,
            @QueryParam("adminCode") @Parameter(description = "Only stations in this administrative unit") String adminCode) {
        return stations.list(cursor, owner, adminCode, limit, callers.get());
    }

    @POST
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "createStation", summary = "Register a station / Đăng ký trạm", description = "The owner defaults to the caller's organisation; writers register stations for their organisation and those below it. / Đơn vị sở hữu mặc định là tổ chức của người gọi.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(implementation = StationInput.class), examples = @ExampleObject(name = "river-gauge", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Registered / Đã đăng ký", headers = {
            @Header(name = "Location", description = "The station's URL", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", description = "The station's version in quotes", schema = @Schema(type = SchemaType.STRING)) }, content = @Content(mediaType = JSON, schema = @Schema(implementation = Station.class)))
    @APIResponse(responseCode = "400", description = "Invalid station / Trạm không hợp lệ")
    @APIResponse(responseCode = "409", description = "The code is taken / Mã đã dùng")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response createStation(InputStream body) {
        Station created = stations.create(RecordJson.parse(body), callers.get());
        return Response.created(URI.create("/api/v1/stations/" + created.code()))
                .tag(new EntityTag(String.valueOf(created.version()))).entity(created).type(JSON).build();
    }

    @GET
    @Path("{code}")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "getStation", summary = "One station / Một trạm", description = "With dataGapSince while one of its warnings waits for readings. / Kèm dataGapSince khi trạm im lặng.")
    @APIResponse(responseCode = "200", description = "The station / Trạm", headers = @Header(name = "ETag", description = "The station's version in quotes", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = JSON, schema = @Schema(implementation = Station.class)))
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    public Response getStation(@PathParam("code") String code) {
        Station s = stations.get(code, callers.get());
        return Response.ok(s, JSON).tag(new EntityTag(String.valueOf(s.version()))).build();
    }

    @PUT
    @Path("{code}")
    @Consumes(JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(operationId = "updateStation", summary = "Change a station / Sửa trạm", description = "Replaces its fields; with If-Match, only if it is still at that version. Codes never change. / Mã không bao giờ đổi.")
    @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(implementation = StationInput.class), examples = @ExampleObject(name = "river-gauge", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Changed / Đã sửa", headers = @Header(name = "ETag", description = "The station's version in quotes", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = JSON, schema = @Schema(implementation = Station.class)))
    @APIResponse(responseCode = "400", description = "Invalid station / Trạm không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    @APIResponse(responseCode = "412", description = "Stale If-Match / ETag đã cũ")
    @APIResponse(responseCode = "415", description = "Not JSON / Không phải JSON")
    public Response updateStation(@PathParam("code") String code,
            @HeaderParam("If-Match") @Parameter(description = "Optional: the ETag of the version you changed", schema = @Schema(type = SchemaType.STRING)) String ifMatch,
            InputStream body) {
        Station s = stations.update(code, ifMatch, RecordJson.parse(body), callers.get());
        return Response.ok(s, JSON).tag(new EntityTag(String.valueOf(s.version()))).build();
    }

    @GET
    @Path("{code}/observations")
    @Produces({ JSON, CSV })
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "listStationObservations", summary = "A station's readings / Số liệu quan trắc của trạm", description = "One indicator's readings, oldest first, in pages, each with the values it replaced (corrections). With Accept: text/csv a sheet with the columns POST /api/v1/observations takes back. / Theo thời gian, kèm các giá trị đã được hiệu chỉnh.")
    @APIResponse(responseCode = "200", description = "A page of readings / Một trang số liệu", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = ObservationPage.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "station,indicator,time,value,quality,exercise")) })
    @APIResponse(responseCode = "400", description = "Bad parameter / Tham số không hợp lệ")
    @APIResponse(responseCode = "404", description = "Unknown or not visible / Không tồn tại")
    public Response listStationObservations(@PathParam("code") String code,
            @QueryParam("indicator") @Parameter(description = "The indicator's code, e.g. water-level", required = true) String indicator,
            @QueryParam("from") @Parameter(description = "From this observation time (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date-time")) String from,
            @QueryParam("to") @Parameter(description = "Before this observation time", schema = @Schema(type = SchemaType.STRING, format = "date-time")) String to,
            @QueryParam("limit") @Parameter(description = "1–10000, default 1000", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000", defaultValue = "1000")) Integer limit,
            @QueryParam("cursor") @Parameter(description = "The 'next' of the previous page") String cursor,
            @Context HttpHeaders headers) {
        ObservationPage page = observations.page(code, indicator, from, to, cursor, limit, callers.get());
        if (!wantsCsv(headers)) {
            return Response.ok(page, JSON).build();
        }
        StreamingOutput sheet = out -> {
            try (Csv.Writer w = Csv.writer(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                w.write(List.of("station", "indicator", "time", "value", "quality", "exercise"));
                for (Observation o : page.items()) {
                    w.write(List.of(o.station(), o.indicator(), o.time().toString(), plain(o.value()),
                            o.quality().name(), String.valueOf(o.exercise())));
                }
            }
        };
        Response.ResponseBuilder r = Response.ok(sheet, "text/csv; charset=utf-8");
        if (page.next() != null) {
            r.link(URI.create("?indicator=" + indicator + "&cursor=" + page.next()), "next");
        }
        return r.build();
    }

    /** The client's first acceptable type of JSON and CSV, JSON when it accepts anything. */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (t.isCompatible(MediaType.valueOf(CSV))) {
                return true;
            }
        }
        return false;
    }

    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
