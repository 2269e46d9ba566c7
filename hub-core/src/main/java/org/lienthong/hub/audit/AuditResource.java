package org.lienthong.hub.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.audit.dto.AccessLogPage;
import org.lienthong.hub.audit.dto.VerifyResult;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordKinds;
import org.lienthong.hub.record.Uuids;
import org.lienthong.hub.security.Roles;

/** Verification of stored history, and the access log. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Lineage, integrity and access / Dòng dõi, toàn vẹn và truy cập")
public class AuditResource {

    @Inject
    Verifier verifier;

    @Inject
    AccessLog accessLog;

    @Inject
    AccessResolver access;

    @GET
    @Path("audit/verify")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Verify stored history / Kiểm tra toàn vẹn", description = "Recomputes each version's hash from its stored content and provenance and checks the parent links, version numbers and heads, for one record (kind and id) or all. / Tính lại mã băm của từng phiên bản.")
    @APIResponse(responseCode = "200", description = "What was checked and what failed / Kết quả kiểm tra", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerifyResult.class)))
    @APIResponse(responseCode = "400", description = "kind without id, or the reverse; an unknown kind; not a UUID / Tham số không hợp lệ")
    public VerifyResult verifyHistory(
            @QueryParam("kind") @Parameter(description = "With id: the record's kind", schema = @Schema(ref = "RecordKind")) String kind,
            @QueryParam("id") @Parameter(description = "With kind: the record to check (all records when both are left out)", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        if ((kind == null) != (id == null)) {
            throw HubException.invalid(kind == null ? "kind" : "id", "give both kind and id, or neither");
        }
        if (kind != null && !RecordKinds.isKind(kind)) {
            throw HubException.invalid("kind", "must be threat, incident or resource");
        }
        return verifier.verify(kind, id == null ? null : Uuids.parse("id", id));
    }

    @GET
    @Path("audit/access")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Access log / Nhật ký truy cập", description = "Who read or wrote which record, when and through which path (api, feed, connector); newest first. Auditors only. / Ai đã đọc hoặc ghi bản ghi nào.")
    @APIResponse(responseCode = "200", description = "Matching entries, newest first / Các mục phù hợp", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessLogPage.class)))
    @APIResponse(responseCode = "400", description = "Bad parameter / Tham số không hợp lệ")
    @APIResponse(responseCode = "403", description = "Not an auditor / Không phải kiểm toán viên")
    public AccessLogPage listAccessLog(
            @QueryParam("recordId") @Parameter(description = "Only entries naming this record", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String recordId,
            @QueryParam("subject") @Parameter(description = "Only this caller (the token's sub)") String subject,
            @QueryParam("from") @Parameter(description = "From this time (inclusive), RFC 3339", schema = @Schema(type = SchemaType.STRING, format = "date-time")) String from,
            @QueryParam("to") @Parameter(description = "Before this time, RFC 3339", schema = @Schema(type = SchemaType.STRING, format = "date-time")) String to,
            @QueryParam("limit") @Parameter(description = "1–10000, default 1000", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000", defaultValue = "1000")) String limit) {
        List<FieldError> errors = new ArrayList<>();
        Instant f = instant("from", from, errors);
        Instant t = instant("to", to, errors);
        int n = 1000;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 10_000) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to 10000"));
            }
        }
        if (subject != null && (subject.isBlank() || subject.length() > 256)) {
            errors.add(new FieldError("subject", "must be 1 to 256 characters"));
        }
        UUID rid = null;
        if (recordId != null) {
            try {
                rid = Uuids.parse("recordId", recordId);
            } catch (HubException e) {
                errors.add(new FieldError("recordId", "must be a UUID"));
            }
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        return new AccessLogPage(accessLog.search(rid, subject, f, t, n));
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an RFC 3339 timestamp"));
            return null;
        }
    }
}
