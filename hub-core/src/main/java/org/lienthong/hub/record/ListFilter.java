package org.lienthong.hub.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.security.Clearance;

/**
 * The query parameters of a record list, checked: every bad parameter is named in one 400, and only checked values
 * reach SQL (as bound parameters).
 *
 * @param includeExercise
 *            whether records whose current version is an exercise (a drill) are listed too; by default they are left
 *            out ({@link Include})
 */
public record ListFilter(int limit, UUID after, String owner, String status, String hazardCode, String domain,
        String adminCode, Instant updatedSince, String classification, boolean includeExercise) {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}._:-]{1,100}");
    private static final Set<String> CLASSIFICATIONS = Set.copyOf(Clearance.LEVELS);
    private static final String CURSOR_PREFIX = "r1:";

    /** Raw parameters as the client sent them; any may be {@code null}. */
    public record Raw(String limit, String cursor, String owner, String status, String hazardCode, String domain,
            String adminCode, String updatedSince, String classification, String include) {
    }

    public static ListFilter parse(Raw raw, int defaultLimit, int maxLimit) {
        List<FieldError> errors = new ArrayList<>();
        int limit = defaultLimit;
        if (raw.limit() != null) {
            try {
                limit = Integer.parseInt(raw.limit().strip());
                if (limit < 1 || limit > maxLimit) {
                    errors.add(new FieldError("limit", "must be between 1 and " + maxLimit));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be a whole number between 1 and " + maxLimit));
            }
        }
        UUID after = null;
        if (raw.cursor() != null) {
            after = decodeCursor(raw.cursor());
            if (after == null) {
                errors.add(new FieldError("cursor", "is not a cursor this hub issued; use the 'next' value of a page"));
            }
        }
        Instant since = null;
        if (raw.updatedSince() != null) {
            try {
                since = OffsetDateTime.parse(raw.updatedSince(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("updatedSince",
                        "must be an RFC 3339 timestamp with offset, e.g. 2026-11-22T08:00:00Z"));
            }
        }
        if (raw.classification() != null && !CLASSIFICATIONS.contains(raw.classification())) {
            errors.add(new FieldError("classification", "must be one of: public, internal, restricted, secret"));
        }
        token(errors, "owner", raw.owner());
        token(errors, "status", raw.status());
        token(errors, "hazardCode", raw.hazardCode());
        token(errors, "domain", raw.domain());
        token(errors, "adminCode", raw.adminCode());
        boolean exercise = Include.asksForExercise(raw.include(), errors);
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        return new ListFilter(limit, after, raw.owner(), raw.status(), raw.hazardCode(), raw.domain(), raw.adminCode(),
                since, raw.classification(), exercise);
    }

    RecordQuery toQuery(String kind) {
        RecordQuery q = new RecordQuery(kind, limit);
        q.and("not h.deleted");
        if (!includeExercise) {
            // v is the current version (the head join): a record is left out while its current version is a drill
            q.and("not v.exercise");
        }
        if (after != null) {
            q.and("h.id > ?", after);
        }
        if (owner != null) {
            q.and("h.owner = ?", owner);
        }
        if (classification != null) {
            q.and("h.classification = ?", classification);
        }
        if (updatedSince != null) {
            q.and("h.updated_at >= ?", RecordStore.timestamp(updatedSince));
        }
        // one GIN lookup on the heads' terms (ListTerms) for every content filter given
        List<String> terms = new ArrayList<>(4);
        if (status != null) {
            terms.add(ListTerms.term("status", status));
        }
        if (hazardCode != null) {
            terms.add(ListTerms.term("hazardCode", hazardCode));
        }
        if (domain != null) {
            terms.add(ListTerms.term("domain", domain));
        }
        if (adminCode != null) {
            terms.add(ListTerms.term("adminCode", adminCode));
        }
        if (!terms.isEmpty()) {
            q.and("h.terms @> array[" + String.join(", ", java.util.Collections.nCopies(terms.size(), "?"))
                    + "]::text[]", terms.toArray());
        }
        return q;
    }

    static String cursorAfter(UUID id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_PREFIX)) {
                return null;
            }
            String id = text.substring(CURSOR_PREFIX.length());
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equals(id) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void token(List<FieldError> errors, String name, String value) {
        if (value != null && !TOKEN.matcher(value).matches()) {
            errors.add(new FieldError(name, "must be 1 to 100 letters, digits or . _ : -"));
        }
    }
}
