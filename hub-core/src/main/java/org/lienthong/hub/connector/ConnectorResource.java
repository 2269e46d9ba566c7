package org.lienthong.hub.connector;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lienthong.hub.api.connector.ConfigField;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.connector.InstanceStore.DeadLetter;
import org.lienthong.hub.connector.InstanceStore.Instance;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.OrganizationRegistry;
import org.lienthong.hub.record.CanonicalJson;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.security.Clearance;
import org.lienthong.hub.security.CurrentCaller;
import org.lienthong.hub.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Connector types and instances. Admins configure and operate instances; auditors may look. Secret configuration fields
 * are write-only: no response carries them, a reconfiguration that omits one keeps it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors", description = "Connector types and instances / Loại và phiên bản kết nối")
public class ConnectorResource {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    static final String INSTANCE_EXAMPLE = """
            {"name": "central", "type": "hub-peer",
             "config": {"url": "https://central.lienthong.gov.vn", "token": "eyJ…", "direction": "both",
                        "kinds": ["threat", "incident"], "intervalSeconds": 5},
             "actAs": {"org": "vn", "clearance": "restricted"}}""";

    @Inject
    ConnectorTypes types;

    @Inject
    InstanceStore store;

    @Inject
    ConnectorRuntime runtime;

    @Inject
    LaneWriter writer;

    @Inject
    OrganizationRegistry registry;

    @Inject
    CurrentCaller callers;

    @GET
    @Path("connector-types")
    @RolesAllowed({ Roles.READER, Roles.WRITER, Roles.CONNECTOR, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Installed connector types / Các loại kết nối đã cài", description = "Each type with its configuration fields (type, required, default, secret). / Mỗi loại với các trường cấu hình.")
    @APIResponse(responseCode = "200", description = "{ \"items\": [ {name, description, fields} ] }")
    public Response connectorTypes() {
        ObjectNode out = RecordJson.NODES.objectNode();
        ArrayNode items = out.putArray("items");
        for (ConnectorType t : types.all()) {
            ObjectNode o = items.addObject().put("name", t.name()).put("description", t.description());
            ArrayNode fields = o.putArray("fields");
            for (ConfigField f : t.configuration()) {
                ObjectNode fo = fields.addObject().put("name", f.name())
                        .put("type", f.type().name().toLowerCase(java.util.Locale.ROOT)).put("required", f.required())
                        .put("secret", f.secret()).put("description", f.description());
                if (f.defaultValue() != null) {
                    fo.put("default", f.defaultValue());
                }
                if (!f.allowedValues().isEmpty()) {
                    f.allowedValues().forEach(fo.putArray("allowedValues")::add);
                }
            }
        }
        return ok(out);
    }

    @POST
    @Path("connectors/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Check a configuration / Kiểm tra cấu hình", description = "Body {type, config}. No side effects, no network calls. / Không lưu gì, không kết nối mạng.")
    @APIResponse(responseCode = "200", description = "{ \"valid\": bool, \"problems\": [ {field, message} ] }")
    public Response validate(InputStream body) {
        JsonNode json = object(body);
        ConnectorType type = type(json.path("type"));
        ConfigBinder.Bound bound = ConfigBinder.bind(type, json.get("config"), Map.of(), runtime.fileRoot());
        ObjectNode out = RecordJson.NODES.objectNode().put("valid", bound.ok());
        ArrayNode problems = out.putArray("problems");
        bound.problems().forEach(p -> problems.addObject().put("field", p.field()).put("message", p.message()));
        return ok(out);
    }

    @POST
    @Path("connectors")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an instance / Tạo phiên bản kết nối", description = "Body {name, type, config, actAs: {org, clearance}}. The instance acts as 'connector:<name>' of organisation actAs.org (default: the caller's) with that clearance (default restricted): what it reads and writes follows the access rules for that identity. It starts at once. / Phiên bản hoạt động với danh tính riêng.")
    @APIResponse(responseCode = "201", description = "Created; the instance without its secrets / Đã tạo")
    @APIResponse(responseCode = "400", description = "Invalid configuration / Cấu hình không hợp lệ")
    @APIResponse(responseCode = "409", description = "The name is taken / Tên đã dùng")
    public Response createConnector(InputStream body) {
        JsonNode json = object(body);
        String name = json.path("name").asText("");
        List<FieldError> errors = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "is required: lower-case letters, digits and '-', at most 63"));
        }
        ConnectorType type = type(json.path("type"));
        ConfigBinder.Bound bound = ConfigBinder.bind(type, json.get("config"), Map.of(), runtime.fileRoot());
        String[] actAs = actAs(json.get("actAs"), errors);
        requireValid(bound, errors);
        String by = by();
        if (!store.insert(name, type.name(), bound.visible(), bound.secrets(), actAs[0], actAs[1], by)) {
            throw HubException.conflict("a connector named " + name + " exists; change it with PUT");
        }
        runtime.nudge();
        return Response.created(URI.create("/api/v1/connectors/" + name)).entity(RecordJson.bytes(render(get(name))))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @PUT
    @Path("connectors/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reconfigure an instance / Cấu hình lại", description = "Body {config, actAs} (type may be given and must not change). Secret fields left out keep their value. The instance reopens with the new configuration and keeps its checkpoints; a failure is forgotten. / Trường bí mật bỏ trống thì giữ nguyên.")
    @APIResponse(responseCode = "200", description = "The instance / Phiên bản")
    @APIResponse(responseCode = "400", description = "Invalid configuration / Cấu hình không hợp lệ")
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public Response reconfigure(@PathParam("name") String name, InputStream body) {
        Instance current = get(name);
        JsonNode json = object(body);
        if (json.has("type") && !current.type().equals(json.path("type").asText())) {
            throw HubException.invalid("type", "cannot change (" + current.type() + "); create a new instance");
        }
        if (json.has("name") && !name.equals(json.path("name").asText())) {
            throw HubException.invalid("name", "cannot change");
        }
        ConnectorType type = types.get(current.type()).orElseThrow(
                () -> HubException.conflict("connector type " + current.type() + " is not installed on this hub"));
        List<FieldError> errors = new ArrayList<>();
        ConfigBinder.Bound bound = ConfigBinder.bind(type, json.get("config"), current.secrets(), runtime.fileRoot());
        String[] actAs = json.has("actAs") ? actAs(json.get("actAs"), errors)
                : new String[] { current.actAsOrg(), current.actAsClearance() };
        requireValid(bound, errors);
        if (!store.reconfigure(name, bound.visible(), bound.secrets(), actAs[0], actAs[1], by())) {
            throw notFound(name);
        }
        runtime.nudge();
        return ok(render(get(name)));
    }

    @GET
    @Path("connectors")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Instances / Các phiên bản kết nối", description = "Every instance with its state (running, paused, failed, stopped), lanes (checkpoint, last run, counts, last error) and open dead letters. / Trạng thái của mọi phiên bản.")
    @APIResponse(responseCode = "200", description = "{ \"items\": [ …instances… ] }")
    public Response listConnectors() {
        ObjectNode out = RecordJson.NODES.objectNode();
        ArrayNode items = out.putArray("items");
        store.all().forEach(i -> items.add(render(i)));
        return ok(out);
    }

    @GET
    @Path("connectors/{name}")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "One instance / Một phiên bản kết nối")
    @APIResponse(responseCode = "200", description = "The instance, without secrets / Không kèm bí mật")
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public Response one(@PathParam("name") String name) {
        return ok(render(get(name)));
    }

    @DELETE
    @Path("connectors/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an instance / Xoá phiên bản kết nối", description = "Stops it and removes its checkpoints and dead letters. Records it wrote stay, with their provenance. / Bản ghi đã ghi vẫn giữ nguyên.")
    @APIResponse(responseCode = "204", description = "Deleted / Đã xoá")
    @APIResponse(responseCode = "404", description = "No such instance / Không tồn tại")
    public Response deleteConnector(@PathParam("name") String name) {
        if (!store.delete(name)) {
            throw notFound(name);
        }
        runtime.nudge();
        return Response.noContent().build();
    }

    @POST
    @Path("connectors/{name}/pause")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Pause / Tạm dừng", description = "Finishes the batch in hand, then stops; checkpoints are kept.")
    @APIResponse(responseCode = "200", description = "The instance / Phiên bản")
    public Response pause(@PathParam("name") String name) {
        return desired(name, DesiredState.paused);
    }

    @POST
    @Path("connectors/{name}/resume")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Resume / Tiếp tục", description = "Starts a paused or failed instance again at once, from its checkpoints.")
    @APIResponse(responseCode = "200", description = "The instance / Phiên bản")
    public Response resume(@PathParam("name") String name) {
        return desired(name, DesiredState.running);
    }

    @POST
    @Path("connectors/{name}/run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run now / Chạy ngay", description = "Polls and delivers without waiting for the interval or a retry delay (a paused instance stays paused).")
    @APIResponse(responseCode = "202", description = "Requested / Đã yêu cầu")
    public Response run(@PathParam("name") String name) {
        if (!store.requestRun(name)) {
            throw notFound(name);
        }
        runtime.nudge();
        return Response.accepted(RecordJson.bytes(render(get(name)))).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("connectors/{name}/dead-letters")
    @RolesAllowed({ Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Dead letters / Hàng đợi lỗi", description = "Items the hub or the receiving system refused, oldest first, with the reason. status=open (default), replayed, discarded or all. / Các mục bị từ chối kèm lý do.")
    @APIResponse(responseCode = "200", description = "{ \"items\": [ {id, lane, itemType, kind, recordId, hash, reason, attempts, status, createdAt, item} ] }")
    public Response deadLetters(@PathParam("name") String name, @QueryParam("status") String status) {
        get(name);
        String s = status == null ? DeadLetterStatus.open.name() : status;
        DeadLetterStatus only = null;
        if (!"all".equals(s)) {
            only = java.util.Arrays.stream(DeadLetterStatus.values()).filter(v -> v.name().equals(s)).findFirst()
                    .orElseThrow(() -> HubException.invalid("status", "must be open, replayed, discarded or all"));
        }
        ObjectNode out = RecordJson.NODES.objectNode();
        ArrayNode items = out.putArray("items");
        store.deadLetters(name, only, 1000).forEach(d -> items.add(render(d)));
        return ok(out);
    }

    @POST
    @Path("connectors/{name}/dead-letters/{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replay a dead letter / Xử lý lại", description = "A source item is written again as the instance's identity; a sink change is delivered again (same version, same hash). Recorded in the record's lineage. / Ghi lại vào dòng dõi bản ghi.")
    @APIResponse(responseCode = "200", description = "Replayed; the dead letter / Đã xử lý lại")
    @APIResponse(responseCode = "409", description = "Refused again (the reason is kept) or not open / Vẫn bị từ chối")
    @APIResponse(responseCode = "502", description = "The receiving system failed / Hệ thống nhận lỗi")
    public Response replay(@PathParam("name") String name, @PathParam("id") String id) {
        Instance instance = get(name);
        DeadLetter d = openDeadLetter(name, id);
        String refusal;
        if (ConnectorRuntime.SINK.equals(d.lane())) {
            refusal = redeliver(instance, d);
        } else {
            refusal = writer.replaySource(d, runtime.access(instance), by());
        }
        if (refusal != null) {
            store.failedAgain(d.id(), refusal);
            throw HubException.conflict("replay refused: " + refusal);
        }
        return ok(render(store.deadLetter(name, d.id()).orElseThrow()));
    }

    @POST
    @Path("connectors/{name}/dead-letters/{id}/discard")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Discard a dead letter / Bỏ qua", description = "Closes it without writing or delivering. Recorded in the record's lineage. / Ghi lại vào dòng dõi bản ghi.")
    @APIResponse(responseCode = "200", description = "Discarded; the dead letter / Đã bỏ qua")
    @APIResponse(responseCode = "409", description = "Not open / Không còn mở")
    public Response discard(@PathParam("name") String name, @PathParam("id") String id) {
        get(name);
        DeadLetter d = openDeadLetter(name, id);
        if (!writer.closeDeadLetter(d, DeadLetterStatus.discarded, "discard", by())) {
            throw HubException.conflict("dead letter " + id + " is not open");
        }
        return ok(render(store.deadLetter(name, d.id()).orElseThrow()));
    }

    /** Delivers a sink dead letter again through a connector opened for the purpose. */
    private String redeliver(Instance instance, DeadLetter d) {
        JsonNode record = RecordJson
                .parse(new java.io.ByteArrayInputStream(d.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var change = new org.lienthong.hub.api.connector.Change(d.kind(), String.valueOf(d.recordId()),
                record.path("version").asInt(), d.hash(), d.detail(), d.payload());
        try (Connector c = runtime.open(instance)) {
            if (!(c instanceof SinkConnector sink)) {
                return "the connector is not a sink any more";
            }
            Delivery outcome = sink.deliver(List.of(change), Duration.ofSeconds(30)).get(0);
            if (outcome instanceof Delivery.Ok) {
                return writer.closeDeadLetter(d, DeadLetterStatus.replayed, "replay", by()) ? null
                        : "not open any more";
            }
            return outcome instanceof Delivery.Rejected r ? r.reason() : ((Delivery.RetryLater) outcome).reason();
        } catch (ConnectorException e) {
            store.failedAgain(d.id(), e.getMessage());
            throw new HubException(502, "/problems/connector", "The receiving system failed", e.getMessage());
        }
    }

    private DeadLetter openDeadLetter(String name, String id) {
        UUID uuid = org.lienthong.hub.record.Uuids.parse("id", id);
        DeadLetter d = store.deadLetter(name, uuid)
                .orElseThrow(() -> HubException.notFound("no dead letter " + id + " for connector " + name));
        if (DeadLetterStatus.of(d.status()) != DeadLetterStatus.open) {
            throw HubException.conflict("dead letter " + id + " is " + d.status() + " already");
        }
        return d;
    }

    private Response desired(String name, DesiredState desired) {
        if (!store.setDesired(name, desired, by())) {
            throw notFound(name);
        }
        runtime.nudge();
        return ok(render(get(name)));
    }

    // --- rendering: never a secret

    private ObjectNode render(Instance i) {
        ObjectNode o = RecordJson.NODES.objectNode();
        o.put("name", i.name()).put("type", i.type());
        o.set("config", i.config().deepCopy());
        ArrayNode secrets = o.putArray("secretsSet");
        i.secrets().keySet().stream().sorted().forEach(secrets::add);
        o.putObject("actAs").put("org", i.actAsOrg()).put("clearance", i.actAsClearance());
        o.put("state", ConnectorState.of(i, Instant.now()).toString());
        if (i.failure() != null) {
            ObjectNode f = o.putObject("failure").put("message", i.failure());
            time(f, "at", i.failedAt());
            time(f, "restartAt", i.restartAt());
            f.put("restarts", i.restarts());
        }
        ObjectNode lanes = o.putObject("lanes");
        for (InstanceStore.Lane l : store.lanes(i.name())) {
            ObjectNode lo = lanes.putObject(l.lane());
            lo.put("checkpoint", l.checkpoint());
            time(lo, "lastRunAt", l.lastRunAt());
            time(lo, "lastSuccessAt", l.lastSuccessAt());
            time(lo, "nextRunAt", l.nextRunAt());
            if (l.lastError() != null) {
                lo.put("lastError", l.lastError());
                time(lo, "lastErrorAt", l.lastErrorAt());
            }
            lo.put("consecutiveFailures", l.consecutiveFailures());
            lo.putObject("counts").put("runs", l.runs()).put("items", l.items()).put("failures", l.failures());
        }
        o.put("deadLetters", store.openDeadLetters(i.name()));
        time(o, "createdAt", i.createdAt());
        o.put("createdBy", i.createdBy());
        time(o, "updatedAt", i.updatedAt());
        o.put("updatedBy", i.updatedBy());
        return o;
    }

    private static ObjectNode render(DeadLetter d) {
        ObjectNode o = RecordJson.NODES.objectNode();
        o.put("id", d.id().toString()).put("lane", d.lane()).put("itemType", d.itemType()).put("kind", d.kind());
        o.put("recordId", d.recordId() == null ? null : d.recordId().toString()).put("hash", d.hash());
        o.put("reason", d.reason()).put("attempts", d.attempts()).put("status", d.status());
        if (d.detail() != null) {
            // where a refused item came from, the hub a replica was read from, or the operation of a change
            o.put("detail", d.detail());
        }
        time(o, "createdAt", d.createdAt());
        time(o, "updatedAt", d.updatedAt());
        if (d.closedBy() != null) {
            o.put("closedBy", d.closedBy());
        }
        try {
            o.set("item", RecordJson.MAPPER.readTree(d.payload()));
        } catch (Exception e) {
            o.put("item", d.payload());
        }
        return o;
    }

    private static void time(ObjectNode o, String field, Instant t) {
        if (t != null) {
            o.put(field, CanonicalJson.formatInstant(t));
        }
    }

    // --- input

    private ConnectorType type(JsonNode name) {
        if (!name.isTextual()) {
            throw HubException.invalid("type", "is required: one of " + typeNames());
        }
        return types.get(name.textValue()).orElseThrow(
                () -> HubException.invalid("type", "is not an installed connector type; installed: " + typeNames()));
    }

    private String typeNames() {
        return String.join(", ", types.all().stream().map(ConnectorType::name).toList());
    }

    private String[] actAs(JsonNode json, List<FieldError> errors) {
        String org = callers.get().org();
        String clearance = Clearance.DEFAULT;
        if (json != null && !json.isNull()) {
            if (!json.isObject()) {
                errors.add(new FieldError("actAs", "must be an object {org, clearance}"));
                return new String[] { org, clearance };
            }
            if (json.has("org")) {
                org = json.path("org").asText("");
            }
            if (json.has("clearance")) {
                clearance = json.path("clearance").asText("");
            }
        }
        if (registry.path(org).isEmpty()) {
            errors.add(new FieldError("actAs.org", "is not a registered organisation: " + org));
        }
        if (Clearance.rank(clearance) < 0) {
            errors.add(new FieldError("actAs.clearance", "must be one of " + String.join(", ", Clearance.LEVELS)));
        }
        return new String[] { org, clearance };
    }

    private static void requireValid(ConfigBinder.Bound bound, List<FieldError> errors) {
        for (ConfigProblem p : bound.problems()) {
            errors.add(new FieldError(p.field().isEmpty() ? "config" : "config." + p.field(), p.message()));
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
    }

    private static JsonNode object(InputStream body) {
        JsonNode json = RecordJson.parse(body);
        if (!json.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object");
        }
        return json;
    }

    private Instance get(String name) {
        return store.find(name).orElseThrow(() -> notFound(name));
    }

    private String by() {
        return callers.get().org() + "/" + callers.get().subject();
    }

    private static HubException notFound(String name) {
        return HubException.notFound("no connector named " + name);
    }

    private static Response ok(JsonNode body) {
        return Response.ok(RecordJson.bytes(body), MediaType.APPLICATION_JSON).build();
    }
}
