package org.lienthong.hub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.api.csv.CsvRecords;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordKinds;
import org.lienthong.hub.security.Roles;

/**
 * Spreadsheets in: {@code POST /api/v1/{kinds}/import} with {@code text/csv}. Columns are canonical field names (dot
 * paths for nested fields, {@code |} between list items, {@code impacts.<metric>}); every row needs
 * {@code sourceRef.system} and {@code sourceRef.id} and is an idempotent upsert, exactly like one item of
 * {@code /api/v1/ingest}. Results name each row by its line in the sheet.
 */
@Path("/api/v1/{kinds: " + RecordKinds.COLLECTIONS + "}/import")
@Tag(name = "Bulk", description = "Bulk loading / Nạp hàng loạt")
public class CsvImportResource {

    static final String CSV = "text/csv";

    static final String EXAMPLE = """
            sourceRef.system,sourceRef.id,title,hazardCode,domain,status,occurredAt,location.adminCodes,impacts.evacuated
            qn-pcttkcn,SC-1,Sạt lở đất thôn 2,GH0101,geology,reported,2026-11-20T03:00:00Z,49|49.206,120
            """;

    @Inject
    IngestService ingest;

    @Inject
    AccessResolver access;

    @Inject
    org.lienthong.hub.audit.AccessLog accessLog;

    @POST
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.WRITER, Roles.CONNECTOR, Roles.ADMIN })
    @Operation(summary = "Import a CSV sheet / Nhập bảng CSV", description = "UTF-8 with or without BOM. Columns are canonical field names; nested fields by dot path (location.adminCodes), lists separated by |, impacts as impacts.<metric>. Each row needs sourceRef.system and sourceRef.id and is an idempotent upsert; one bad row does not spoil the others. Results give each row's line number. At most 10 000 rows. An export (Accept: text/csv on a list) imports back unchanged. / Mỗi dòng cần sourceRef; kết quả ghi số dòng.")
    @RequestBody(content = @Content(mediaType = CSV, examples = @ExampleObject(name = "incidents", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "{created, updated, unchanged, rejected, results: [{line, status, id, version, errors}]}")
    @APIResponse(responseCode = "400", description = "Not readable as UTF-8 CSV, or an unknown column / Không đọc được")
    @APIResponse(responseCode = "413", description = "More than 10 000 rows / Quá 10 000 dòng")
    public Response importCsv(@PathParam("kinds") String kinds, InputStream body) {
        String kind = RecordKinds.fromCollection(kinds);
        List<CsvRecords.Row> rows;
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            rows = CsvRecords.fromCsv(kind, new InputStreamReader(body, decoder), Map.of());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw HubException.malformed("the sheet is not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw HubException.invalid("", e.getMessage());
        } catch (IOException e) {
            throw HubException.malformed("the sheet could not be read: " + e.getMessage());
        }
        if (!rows.isEmpty() && !rows.get(0).ok() && rows.get(0).line() == 1) {
            // the header itself is unusable: nothing can be read
            throw HubException.invalid("", rows.get(0).error());
        }
        IngestService.Result result = ingest.ingestRows(kind, rows, access.get());
        IngestResource.logWrites(accessLog, access.get().caller(), result, kind);
        return IngestResource.render(result, "line");
    }
}
