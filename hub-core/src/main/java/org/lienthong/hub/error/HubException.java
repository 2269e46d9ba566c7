package org.lienthong.hub.error;

import java.util.List;
import java.util.Map;

/**
 * The one base of every error the hub reports to a client. {@link ProblemMapper} turns it into an RFC 9457
 * {@code application/problem+json} body; nothing else decides what a client sees.
 */
public class HubException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public HubException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of(), Map.of());
    }

    public HubException(int status, String type, String title, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** A relative URI such as {@code /problems/validation}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers, such as {@code ETag} on a 412. */
    public Map<String, String> headers() {
        return headers;
    }

    /** 400 with one or more invalid fields. */
    public static HubException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new HubException(400, "/problems/validation", "Invalid request", detail, errors, Map.of());
    }

    /** 400 for one invalid field or parameter. */
    public static HubException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static HubException malformed(String detail) {
        return new HubException(400, "/problems/malformed", "Malformed request body", detail);
    }

    public static HubException notFound(String detail) {
        return new HubException(404, "/problems/not-found", "Not found", detail);
    }

    public static HubException gone(String detail, String etag) {
        return new HubException(410, "/problems/gone", "Deleted", detail, List.of(), Map.of("ETag", etag));
    }

    public static HubException forbidden(String detail) {
        return new HubException(403, "/problems/forbidden", "Forbidden", detail);
    }

    public static HubException conflict(String detail) {
        return new HubException(409, "/problems/conflict", "Conflicting state", detail);
    }

    public static HubException preconditionFailed(String detail, String currentEtag) {
        return new HubException(412, "/problems/precondition-failed", "Precondition failed", detail, List.of(),
                Map.of("ETag", currentEtag));
    }

    public static HubException preconditionRequired(String detail) {
        return new HubException(428, "/problems/precondition-required", "Precondition required", detail);
    }
}
