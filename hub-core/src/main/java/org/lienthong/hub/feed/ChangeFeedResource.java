package org.lienthong.hub.feed;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterStyle;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.access.AccessResolver;
import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.audit.AccessLog;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.feed.ChangeFeed.Change;
import org.lienthong.hub.feed.ChangeFeed.Page;
import org.lienthong.hub.record.Include;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.security.Roles;

@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Changes", description = "Change feed / Luồng thay đổi")
public class ChangeFeedResource {

    @Inject
    ChangeFeedService feed;

    @Inject
    AccessLog accessLog;

    @Inject
    HubConfig config;

    @Inject
    AccessResolver access;

    @GET
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(operationId = "listChanges", summary = "Follow changes / Theo dõi thay đổi", description = "Every committed version exactly once, each record's versions in order. Start without 'after', then always pass the 'next' of the previous answer. 'more' is true when further changes can be read at once; 'hub' is this hub's id. Versions of drills (marked exercise) are skipped unless include=exercise; the cursor moves past them all the same. / Mỗi phiên bản đã ghi xuất hiện đúng một lần; truyền 'next' của lần trước vào 'after'.")
    @APIResponse(responseCode = "200", description = "A page of changes / Một trang thay đổi", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChangePage")))
    @APIResponse(responseCode = "400", description = "Bad parameter / Tham số không hợp lệ")
    public Response listChanges(
            @QueryParam("after") @Parameter(description = "The 'next' of the previous page; omit to start at the beginning") String after,
            @QueryParam("limit") @Parameter(description = "1–1000, default 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) String limit,
            @QueryParam("kinds") @Parameter(description = "Only these kinds (default all), comma-separated: kinds=threat,incident (kinds=threat&kinds=incident is read the same)", style = ParameterStyle.FORM, explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = RecordKind.class)) List<String> kinds,
            @QueryParam("wait") @Parameter(description = "Seconds (0–30) to wait for a change when there is none yet", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "30", defaultValue = "0")) String wait,
            @QueryParam(Include.PARAMETER) @Parameter(description = Include.DESCRIPTION, schema = @Schema(implementation = Include.class)) String include)
            throws InterruptedException {
        Page page = feed.follow(FeedRequest.parse(after, limit, kinds, wait, include), access.get());
        accessLog.record(access.get().caller(), "feed", "read", page.changes().stream()
                .map(c -> new AccessLog.Touch(c.record().version().kind(), c.record().version().id())).toList());
        return Response.ok(render(page), MediaType.APPLICATION_JSON).build();
    }

    private byte[] render(Page page) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(2048 * (1 + page.changes().size()));
        try (var g = RecordJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("changes");
            for (Change c : page.changes()) {
                var v = c.record().version();
                g.writeStartObject();
                g.writeStringField("cursor", c.cursor().encode());
                g.writeStringField("kind", v.kind());
                g.writeStringField("id", v.id().toString());
                g.writeNumberField("version", v.version());
                g.writeStringField("op", ChangeOperation.of(v.version(), v.deleted()).name());
                g.writeFieldName("record");
                RecordJson.write(g, c.record());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("next", page.next().encode());
            g.writeBooleanField("more", page.more());
            g.writeStringField("hub", config.id());
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
