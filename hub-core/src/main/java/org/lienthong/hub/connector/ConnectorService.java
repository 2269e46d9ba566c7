package org.lienthong.hub.connector;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.api.connector.Change;
import org.lienthong.hub.api.connector.ConfigProblem;
import org.lienthong.hub.api.connector.Connector;
import org.lienthong.hub.api.connector.ConnectorException;
import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.api.connector.Delivery;
import org.lienthong.hub.api.connector.SinkConnector;
import org.lienthong.hub.connector.InstanceStore.Instance;
import org.lienthong.hub.connector.dto.ActAs;
import org.lienthong.hub.connector.dto.ConfigValidation;
import org.lienthong.hub.connector.dto.ConnectorInstance;
import org.lienthong.hub.connector.dto.ConnectorList;
import org.lienthong.hub.connector.dto.ConnectorTypeList;
import org.lienthong.hub.connector.dto.DeadLetter;
import org.lienthong.hub.connector.dto.DeadLetterList;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.OrganizationRegistry;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.Uuids;
import org.lienthong.hub.security.Clearance;
import org.lienthong.hub.security.CurrentCaller;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Configuring and operating connector instances for the API. Secret configuration fields are write-only: nothing here
 * returns them, and a reconfiguration that omits one keeps it.
 * <p>
 * No method opens a transaction of its own: each store call commits alone, and {@link LaneWriter} holds the
 * transactions that must be one (a replay's write and the dead letter's closing). A refused replay must keep its
 * attempt ({@code failedAgain}) although the request ends in an error, which one transaction around it would roll back.
 */
@ApplicationScoped
public class ConnectorService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The most dead letters one list returns. */
    private static final int DEAD_LETTER_LIMIT = 1000;

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

    public ConnectorTypeList types() {
        return new ConnectorTypeList(types.all().stream().map(ConnectorViews::type).toList());
    }

    /** Binds a proposed {type, config} without storing it or opening a connector. */
    public ConfigValidation validate(InputStream body) {
        JsonNode json = object(body);
        ConnectorType type = type(json.path("type"));
        return ConnectorViews.validation(ConfigBinder.bind(type, json.get("config"), Map.of(), runtime.fileRoot()));
    }

    /** Stores a new instance from {name, type, config, actAs}; the runtime starts it at once. */
    public ConnectorInstance create(InputStream body) {
        JsonNode json = object(body);
        String name = json.path("name").asText("");
        List<FieldError> errors = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "is required: lower-case letters, digits and '-', at most 63"));
        }
        ConnectorType type = type(json.path("type"));
        ConfigBinder.Bound bound = ConfigBinder.bind(type, json.get("config"), Map.of(), runtime.fileRoot());
        ActAs actAs = actAs(json.get("actAs"), errors);
        requireValid(bound, errors);
        String by = by();
        if (!store.insert(name, type.name(), bound.visible(), bound.secrets(), actAs.org(), actAs.clearance(), by)) {
            throw HubException.conflict("a connector named " + name + " exists; change it with PUT");
        }
        runtime.nudge();
        return get(name);
    }

    /**
     * Replaces an instance's configuration (and identity, when given) from {config, actAs}; its type and name cannot
     * change. The runtime reopens it with its checkpoints; a failure is forgotten.
     */
    public ConnectorInstance reconfigure(String name, InputStream body) {
        Instance current = find(name);
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
        ActAs actAs = json.has("actAs") ? actAs(json.get("actAs"), errors)
                : new ActAs(current.actAsOrg(), current.actAsClearance());
        requireValid(bound, errors);
        if (!store.reconfigure(name, bound.visible(), bound.secrets(), actAs.org(), actAs.clearance(), by())) {
            throw notFound(name);
        }
        runtime.nudge();
        return get(name);
    }

    public ConnectorList list() {
        Instant now = Instant.now();
        return new ConnectorList(store.all().stream().map(i -> view(i, now)).toList());
    }

    public ConnectorInstance get(String name) {
        return view(find(name), Instant.now());
    }

    /** Removes the instance with its checkpoints and dead letters; its runner stops. */
    public void delete(String name) {
        if (!store.delete(name)) {
            throw notFound(name);
        }
        runtime.nudge();
    }

    public ConnectorInstance pause(String name) {
        return desire(name, DesiredState.paused);
    }

    /** Also forgets a failure, so a failed instance starts again at once. */
    public ConnectorInstance resume(String name) {
        return desire(name, DesiredState.running);
    }

    /** Asks for a run now, without waiting for the interval or a retry delay; a paused instance stays paused. */
    public ConnectorInstance run(String name) {
        if (!store.requestRun(name)) {
            throw notFound(name);
        }
        runtime.nudge();
        return get(name);
    }

    /**
     * @param status
     *            open (when {@code null}), replayed, discarded or all
     */
    public DeadLetterList deadLetters(String name, String status) {
        find(name);
        DeadLetterStatus only = null;
        String s = status == null ? DeadLetterStatus.open.name() : status;
        if (!"all".equals(s)) {
            only = Arrays.stream(DeadLetterStatus.values()).filter(v -> v.name().equals(s)).findFirst()
                    .orElseThrow(() -> HubException.invalid("status", "must be open, replayed, discarded or all"));
        }
        return new DeadLetterList(
                store.deadLetters(name, only, DEAD_LETTER_LIMIT).stream().map(ConnectorViews::deadLetter).toList());
    }

    /**
     * Writes a source dead letter again as the instance's identity, or delivers a sink one again through a connector
     * opened for the purpose. A refusal is kept as the dead letter's reason and is a 409; a sink that fails is a 502.
     */
    public DeadLetter replay(String name, String id) {
        Instance instance = find(name);
        InstanceStore.DeadLetter d = openDeadLetter(name, id);
        String refusal = ConnectorRuntime.SINK.equals(d.lane()) ? redeliver(instance, d)
                : writer.replaySource(d, runtime.access(instance), by());
        if (refusal != null) {
            store.failedAgain(d.id(), refusal);
            throw HubException.conflict("replay refused: " + refusal);
        }
        return deadLetterView(name, d.id());
    }

    /** Closes an open dead letter without writing or delivering it. */
    public DeadLetter discard(String name, String id) {
        find(name);
        InstanceStore.DeadLetter d = openDeadLetter(name, id);
        if (!writer.closeDeadLetter(d, DeadLetterStatus.discarded, "discard", by())) {
            throw HubException.conflict("dead letter " + id + " is not open");
        }
        return deadLetterView(name, d.id());
    }

    /** Returns {@code null} when delivered (and closed), else why not. */
    private String redeliver(Instance instance, InstanceStore.DeadLetter d) {
        JsonNode record = RecordJson.parse(new ByteArrayInputStream(d.payload().getBytes(StandardCharsets.UTF_8)));
        Change change = new Change(d.kind(), String.valueOf(d.recordId()), record.path("version").asInt(), d.hash(),
                d.detail(), d.payload());
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

    private InstanceStore.DeadLetter openDeadLetter(String name, String id) {
        UUID uuid = Uuids.parse("id", id);
        InstanceStore.DeadLetter d = store.deadLetter(name, uuid)
                .orElseThrow(() -> HubException.notFound("no dead letter " + id + " for connector " + name));
        if (DeadLetterStatus.of(d.status()) != DeadLetterStatus.open) {
            throw HubException.conflict("dead letter " + id + " is " + d.status() + " already");
        }
        return d;
    }

    private DeadLetter deadLetterView(String name, UUID id) {
        return ConnectorViews.deadLetter(store.deadLetter(name, id).orElseThrow());
    }

    private ConnectorInstance desire(String name, DesiredState desired) {
        if (!store.setDesired(name, desired, by())) {
            throw notFound(name);
        }
        runtime.nudge();
        return get(name);
    }

    private ConnectorInstance view(Instance i, Instant now) {
        return ConnectorViews.instance(i, store.lanes(i.name()), store.openDeadLetters(i.name()), now);
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

    /** Adds what is wrong to {@code errors}; defaults: the caller's organisation, {@link Clearance#DEFAULT}. */
    private ActAs actAs(JsonNode json, List<FieldError> errors) {
        String org = callers.get().org();
        String clearance = Clearance.DEFAULT;
        if (json != null && !json.isNull()) {
            if (!json.isObject()) {
                errors.add(new FieldError("actAs", "must be an object {org, clearance}"));
                return new ActAs(org, clearance);
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
        return new ActAs(org, clearance);
    }

    /** One 400 naming every problem: the request's own and the configuration's (as {@code config.<field>}). */
    private static void requireValid(ConfigBinder.Bound bound, List<FieldError> errors) {
        for (ConfigProblem p : bound.problems()) {
            errors.add(new FieldError(p.field().isEmpty() ? "config" : "config." + p.field(), p.message()));
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
    }

    private static JsonNode object(InputStream body) {
        // a tree, not a bound record: binding stops at the first error, and a 400 names every problem with its path
        JsonNode json = RecordJson.parse(body);
        if (!json.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object");
        }
        return json;
    }

    private Instance find(String name) {
        return store.find(name).orElseThrow(() -> notFound(name));
    }

    private String by() {
        return callers.get().org() + "/" + callers.get().subject();
    }

    private static HubException notFound(String name) {
        return HubException.notFound("no connector named " + name);
    }
}
