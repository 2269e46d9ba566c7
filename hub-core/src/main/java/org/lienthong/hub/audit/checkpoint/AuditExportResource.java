package org.lienthong.hub.audit.checkpoint;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.feed.ChangeCursor;
import org.lienthong.hub.security.Roles;

/** Every version up to a chain position as NDJSON, for offline verification with {@code audit-verifier}. */
@Path("/api/v1/audit/export")
@Tag(name = "Audit")
public class AuditExportResource {

    static final String NDJSON = "application/x-ndjson";

    @Inject
    CheckpointService checkpoints;

    @Inject
    AuditExport export;

    @Inject
    AccessResolver access;

    @GET
    @Produces(NDJSON)
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Export the audited history / Xuất lịch sử để kiểm toán", description = "One line per version, in change-feed order, up to a position of the audit chain: line k is version k of the chain (version from + k when 'from' is given). A version the caller may see is the record JSON of that version (envelope, provenance with hash and parents, content): everything its hash is computed from. A version the caller may not see is redacted to {id, kind, version, redacted: true, provenance: {originHub, hash, parents}}. Check it offline with: java -jar audit-verifier.jar --key key.pem --checkpoint cp.json --export export.ndjson (add --since from-cp.json for an export that starts at a checkpoint). / Mỗi dòng một phiên bản, theo thứ tự của luồng thay đổi.")
    @APIResponse(responseCode = "200", description = "NDJSON, one version per line / Mỗi dòng một phiên bản", content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING, description = "UTF-8 text, one AuditExportLine (JSON) per line"), extensions = @Extension(name = "x-ndjson-line", value = "AuditExportLine")))
    @APIResponse(responseCode = "400", description = "Bad position / Vị trí không hợp lệ")
    @APIResponse(responseCode = "403", description = "Auditors and admins only / Chỉ kiểm toán viên và quản trị viên")
    public Response exportAudit(
            @QueryParam("upTo") @Parameter(description = "Chain position to export up to (the first upTo versions); default: the latest checkpoint's", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0")) String upTo,
            @QueryParam("from") @Parameter(description = "Start after this position, which must be a checkpoint's (0 or omitted: from the first version); for checking only what is new since a checkpoint already verified", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0")) String from) {
        var latest = checkpoints.latest();
        long latestPosition = latest.map(Checkpoint::position).orElse(0L);
        long n = upTo == null ? latestPosition : position("upTo", upTo);
        long start = from == null ? 0 : position("from", from);
        ChangeCursor cursor = ChangeCursor.START;
        if (start > 0) {
            cursor = checkpoints.at(start).map(Checkpoint::cursor)
                    .orElseThrow(() -> HubException.invalid("from", "must be 0 or the position of a checkpoint"));
        }
        if (start > n) {
            throw HubException.invalid("from", "must not be beyond upTo");
        }
        if (n > latestPosition) {
            ChangeCursor after = latest.map(Checkpoint::cursor).orElse(ChangeCursor.START);
            long available = latestPosition + checkpoints.stableAfter(after, n - latestPosition);
            if (available < n) {
                throw HubException.invalid("upTo",
                        "is beyond the stable history: at most " + available + " versions can be exported now");
            }
        }
        Visibility.Predicate visible = Visibility.of(access.get());
        ChangeCursor after = cursor;
        long count = n - start;
        StreamingOutput body = out -> export.write(after, count, visible, out);
        return Response.ok(body, NDJSON).build();
    }

    static long position(String name, String value) {
        try {
            long p = Long.parseLong(value.strip());
            if (p >= 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HubException.invalid(name, "must be a whole number, 0 or more");
    }
}
