package org.lienthong.hub.error;

/**
 * One invalid field of a request.
 *
 * @param field
 *            where the problem is, as a path into the request body: {@code riskLevel},
 *            {@code areas[0].geometry.coordinates}, or a query parameter name
 * @param message
 *            what is wrong, in words an integrator can act on
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "FieldError", requiredProperties = { "field",
        "message" })
public record FieldError(String field, String message) {
}
