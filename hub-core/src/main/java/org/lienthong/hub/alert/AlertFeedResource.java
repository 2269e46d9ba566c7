package org.lienthong.hub.alert;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.alert.AlertFeedService.PublicCap;
import org.lienthong.hub.record.RecordFormats;

/**
 * {@code /api/v1/alerts}: the public CAP feed, for alert aggregators (Google Public Alerts, the WMO/IFRC Alert Hub) and
 * anyone else, read-only and without a token. The only API paths that need no token: {@link PermitAll} on each method
 * here, while everything else stays denied unless it names its roles. Off unless {@code hub.alerts.public-feed} is set;
 * then both answer 404.
 */
@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "The public CAP feed, for alert aggregators / Bản tin cảnh báo CAP công khai")
public class AlertFeedResource {

    static final String ATOM = "application/atom+xml";
    /** Public and short: aggregators poll every minute or so, and a new alert should not wait longer. */
    static final String CACHE = "public, max-age=60";
    static final String CACHE_DESCRIPTION = "public, max-age=60: caches and aggregators may keep it a minute";

    @Inject
    AlertFeedService service;

    @GET
    @Path("cap.atom")
    @PermitAll
    @Produces(ATOM)
    @Operation(operationId = "getPublicAlertFeed", summary = "Public CAP alert feed / Bản tin cảnh báo CAP công khai", description = "An Atom 1.0 feed (RFC 4287) of the CAP 1.2 alerts of current public threats, newest first (at most hub.alerts.feed-limit, 500 by default), for aggregators such as Google Public Alerts and the WMO Alert Hub. No token needed. Each entry is one CAP message: id is its CAP identifier, title its headline, summary its description, and its link (rel alternate, type application/cap+xml) is the public URL of the alert, GET /api/v1/alerts/{id}. Drills (exercise), deleted threats, threats without an area and every classification but public are never in it; threats that ended or expired stay 48 h after that, then leave it. Off unless the hub is configured with hub.alerts.public-feed=true: then 404. / Bản tin Atom các cảnh báo CAP của mối đe dọa công khai; không cần mã thông báo.")
    @APIResponse(responseCode = "200", description = "The feed / Bản tin", headers = @Header(name = "Cache-Control", description = CACHE_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = ATOM, schema = @Schema(type = SchemaType.STRING, description = "An Atom 1.0 feed (RFC 4287) whose entries link to CAP 1.2 alerts")))
    @APIResponse(responseCode = "404", description = "This hub serves no public feed (hub.alerts.public-feed is off) / Không có bản tin công khai")
    @APIResponse(responseCode = "406", description = "Atom was not acceptable / Không có định dạng này")
    public Response getPublicAlertFeed(@Context UriInfo uri) {
        return Response.ok(service.feed(uri.getBaseUri()), ATOM + "; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, CACHE).build();
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Produces(RecordFormats.CAP)
    @Operation(operationId = "getPublicAlert", summary = "One public CAP alert / Một cảnh báo CAP công khai", description = "The current version of a threat of the public feed as an OASIS CAP 1.2 alert, valid against the CAP 1.2 schema; the feed's entries link here. No token needed. Anything that is not in the feed answers 404, also a malformed id. / Phiên bản hiện tại của một mối đe dọa trong bản tin công khai, dưới dạng cảnh báo CAP 1.2.")
    @APIResponse(responseCode = "200", description = "The alert / Cảnh báo", headers = {
            @Header(name = "ETag", description = "The threat's version number in quotes (\"3\")", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = CACHE_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)) }, content = @Content(mediaType = RecordFormats.CAP, schema = @Schema(type = SchemaType.STRING, description = "An OASIS CAP 1.2 alert (XML)")))
    @APIResponse(responseCode = "404", description = "Not in the public feed, or the feed is off / Không có trong bản tin công khai")
    @APIResponse(responseCode = "406", description = "CAP was not acceptable / Không có định dạng này")
    public Response getPublicAlert(
            @PathParam("id") @Parameter(description = "The threat's id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @Context UriInfo uri) {
        PublicCap cap = service.alert(id, uri.getBaseUri());
        return Response.ok(cap.xml(), RecordFormats.CAP).tag(new EntityTag(String.valueOf(cap.version())))
                .header(HttpHeaders.CACHE_CONTROL, CACHE).build();
    }
}
