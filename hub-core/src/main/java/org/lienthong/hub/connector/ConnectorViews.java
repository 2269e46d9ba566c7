package org.lienthong.hub.connector;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lienthong.hub.api.connector.ConnectorType;
import org.lienthong.hub.connector.InstanceStore.Instance;
import org.lienthong.hub.connector.dto.ActAs;
import org.lienthong.hub.connector.dto.ConfigFieldInfo;
import org.lienthong.hub.connector.dto.ConfigProblemInfo;
import org.lienthong.hub.connector.dto.ConfigValidation;
import org.lienthong.hub.connector.dto.ConnectorInstance;
import org.lienthong.hub.connector.dto.ConnectorTypeInfo;
import org.lienthong.hub.connector.dto.DeadLetter;
import org.lienthong.hub.record.RecordJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Stored rows to response records. Never a secret: an instance shows which secret fields are set, not their values. */
final class ConnectorViews {

    private ConnectorViews() {
    }

    static ConnectorTypeInfo type(ConnectorType t) {
        return new ConnectorTypeInfo(t.name(), t.description(),
                t.configuration().stream()
                        .map(f -> new ConfigFieldInfo(f.name(), f.type().name().toLowerCase(Locale.ROOT), f.required(),
                                f.secret(), f.description(), f.defaultValue(),
                                f.allowedValues().isEmpty() ? null : f.allowedValues()))
                        .toList());
    }

    static ConfigValidation validation(ConfigBinder.Bound bound) {
        return new ConfigValidation(bound.ok(),
                bound.problems().stream().map(p -> new ConfigProblemInfo(p.field(), p.message())).toList());
    }

    /**
     * @param lanes
     *            the instance's lanes, in name order
     * @param openDeadLetters
     *            how many of its dead letters are open
     */
    static ConnectorInstance instance(Instance i, List<InstanceStore.Lane> lanes, long openDeadLetters, Instant now) {
        ConnectorInstance.Failure failure = i.failure() == null ? null
                : new ConnectorInstance.Failure(i.failure(), i.failedAt(), i.restartAt(), i.restarts());
        Map<String, ConnectorInstance.Lane> byName = new LinkedHashMap<>();
        for (InstanceStore.Lane l : lanes) {
            byName.put(l.lane(),
                    new ConnectorInstance.Lane(l.checkpoint(), l.lastRunAt(), l.lastSuccessAt(), l.nextRunAt(),
                            l.lastError(), l.lastError() == null ? null : l.lastErrorAt(), l.consecutiveFailures(),
                            new ConnectorInstance.Counts(l.runs(), l.items(), l.failures())));
        }
        return new ConnectorInstance(i.name(), i.type(), i.config(), i.secrets().keySet().stream().sorted().toList(),
                new ActAs(i.actAsOrg(), i.actAsClearance()), ConnectorState.of(i, now), failure, byName,
                openDeadLetters, i.createdAt(), i.createdBy(), i.updatedAt(), i.updatedBy());
    }

    static DeadLetter deadLetter(InstanceStore.DeadLetter d) {
        return new DeadLetter(d.id(), d.lane(), d.itemType(), d.kind(), d.recordId(), d.hash(), d.reason(),
                d.attempts(), DeadLetterStatus.of(d.status()), d.detail(), d.createdAt(), d.updatedAt(), d.closedBy(),
                item(d.payload()));
    }

    /** The stored payload as JSON when it is JSON, else as a string (a source item the connector could not read). */
    private static JsonNode item(String payload) {
        try {
            return RecordJson.MAPPER.readTree(payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return TextNode.valueOf(payload);
        }
    }
}
