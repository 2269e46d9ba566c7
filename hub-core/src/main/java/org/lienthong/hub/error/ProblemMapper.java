package org.lienthong.hub.error;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place that decides what a client sees when something goes wrong: an RFC 9457 {@code application/problem+json}
 * body, never a stack trace. Unexpected failures are logged with an id that the response repeats, so an operator can
 * find them.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /**
     * The body of a problem response (RFC 9457); {@code errors} only when fields are named.
     *
     * @param type
     *            a relative URI naming the kind of problem, e.g. {@code /problems/validation}
     * @param errors
     *            for a 400 about the body or parameters: each bad field, by its path
     */
    @Schema(name = "Problem", requiredProperties = { "type", "title", "status", "detail" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    }

    @ServerExceptionMapper
    public Response hub(HubException e) {
        return problem(e.status(), e.type(), e.title(), e.detail(), e.errors(), e.headers());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e) {
        return problem(401, "/problems/unauthorized", "Unauthorized", "a valid bearer token is required", List.of(),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "/problems/forbidden", "Forbidden", "the token's roles do not allow this call", List.of(),
                Map.of());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return problem(400, "/problems/malformed", "Malformed request body", "the body is not valid JSON", List.of(),
                Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String detail = switch (e) {
        case NotSupportedException x -> "unsupported media type; send application/json";
        case NotAcceptableException x -> "no acceptable representation; ask for application/json";
        case NotAllowedException x -> "method not allowed on this path";
        default -> status == 404 ? "no such path" : Response.Status.fromStatusCode(status) == null ? "request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        Map<String, String> headers = e instanceof NotAllowedException na
                && na.getResponse().getHeaderString("Allow") != null
                        ? Map.of("Allow", na.getResponse().getHeaderString("Allow")) : Map.of();
        return problem(status, "/problems/http-" + status, title, detail, List.of(), headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s", incident);
        return problem(500, "/problems/internal", "Internal error",
                "the hub could not complete the request; report incident " + incident, List.of(), Map.of());
    }

    static Response problem(int status, String type, String title, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem(type, title, status, detail, errors.isEmpty() ? null : errors));
        headers.forEach(builder::header);
        return builder.build();
    }
}
