package org.lienthong.hub.warning;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.api.schema.Certainty;
import org.lienthong.hub.api.schema.Severity;
import org.lienthong.hub.api.schema.ThreatStatus;
import org.lienthong.hub.api.schema.Urgency;
import org.lienthong.hub.record.CanonicalJson;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.RecordKinds;
import org.lienthong.hub.record.RecordService;
import org.lienthong.hub.record.RecordStore.Stored;
import org.lienthong.hub.record.RecordValidator;
import org.lienthong.hub.record.RecordValidator.ValidatedRecord;
import org.lienthong.hub.record.Uuids;
import org.lienthong.hub.warning.StationStore.StationRef;
import org.lienthong.hub.warning.dto.IndicatorDefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The threat of an episode: one per episode (its id a name-based UUID of rule, station and start, the same on every
 * hub), a version at each snapshot, written through {@link RecordService#derive} with activity {@code derive} and the
 * derivation (rule version, station, indicator, readings' span) in its provenance. Everything in the content follows
 * from the rule version, the station and the readings, never from the time of evaluation, so that the same readings
 * give the same threat.
 */
@ApplicationScoped
public class DerivedThreats {

    /** The source system of derived threats; their source id is {@code <rule>/<station>/<start>}. */
    public static final String SOURCE_SYSTEM = "lienthong.warning";

    @Inject
    RecordService records;

    @Inject
    RecordValidator validator;

    /** The threat id of the episode of {@code rule} at {@code station} that became active at {@code start}. */
    public static UUID threatId(UUID rule, String station, Instant start) {
        return Uuids.nameBased(SOURCE_SYSTEM + ":" + rule + ":" + station + ":" + CanonicalJson.formatInstant(start));
    }

    /** Writes the episode's threat as of {@code snapshot}; unchanged content writes nothing. */
    public Stored write(UUID ruleId, WarningRule rule, StationRef station, IndicatorDefinition indicator,
            Fold.Episode episode, Fold.Snapshot snapshot, Instant dataGapSince) {
        UUID id = threatId(ruleId, station.code(), episode.start());
        ObjectNode body = content(id, ruleId, rule, station, indicator, episode, snapshot, dataGapSince);
        ValidatedRecord in = validator.validate(RecordKinds.THREAT, body);
        ObjectNode derivation = RecordJson.NODES.objectNode().put("rule", ruleId.toString())
                .put("ruleVersion", snapshot.ruleVersion()).put("station", station.code())
                .put("indicator", indicator.code()).put("from", CanonicalJson.formatInstant(snapshot.from()))
                .put("to", CanonicalJson.formatInstant(snapshot.at()));
        return records.derive(RecordKinds.THREAT, id, in, derivation, rule.owner(), "warning-rule:" + ruleId).record();
    }

    /** Tombstones the threat of an episode that later readings showed never happened. */
    public void withdraw(UUID ruleId, WarningRule rule, UUID threatId) {
        records.withdraw(RecordKinds.THREAT, threatId, rule.owner(), "warning-rule:" + ruleId);
    }

    static ObjectNode content(UUID id, UUID ruleId, WarningRule rule, StationRef station, IndicatorDefinition indicator,
            Fold.Episode episode, Fold.Snapshot s, Instant dataGapSince) {
        ObjectNode o = RecordJson.NODES.objectNode();
        o.put("id", id.toString());
        o.put("owner", rule.owner());
        o.put("classification", rule.classification().toString());
        o.putObject("sourceRef").put("system", SOURCE_SYSTEM).put("id",
                ruleId + "/" + station.code() + "/" + CanonicalJson.formatInstant(episode.start()));
        o.put("title", limit(render(rule.title(), station, indicator, s), 500));
        if (rule.instruction() != null) {
            o.put("instruction", limit(render(rule.instruction(), station, indicator, s), 20_000));
        }
        o.put("description", limit(rule.name() + ": " + indicator.name() + " " + s.value().toPlainString() + " "
                + indicator.unit() + " (" + station.name() + ", " + CanonicalJson.formatInstant(s.at()) + ")", 20_000));
        o.put("hazardCode", rule.hazardCode());
        o.put("domain", rule.domain().toString());
        o.put("status", (s.ended() ? ThreatStatus.ended : ThreatStatus.warning).toString());
        o.put("riskLevel", s.level());
        o.put("urgency", (s.ended() ? Urgency.Past : Urgency.Immediate).toString());
        o.put("severity", severity(s.level()).toString());
        o.put("certainty", Certainty.Observed.toString());
        o.put("effective", CanonicalJson.formatInstant(episode.start()));
        o.put("onset", CanonicalJson.formatInstant(episode.start()));
        o.put("expires", CanonicalJson.formatInstant(s.ended() ? s.at() : s.at().plus(rule.expiry())));
        ObjectNode area = o.putArray("areas").addObject();
        String where = station.location().path("description").asText(null);
        area.put("description", limit(where == null ? station.name() : station.name() + " — " + where, 500));
        if (station.location().has("adminCodes")) {
            area.set("adminCodes", station.location().get("adminCodes"));
        }
        if (station.location().has("geometry")) {
            area.set("geometry", station.location().get("geometry"));
        }
        o.putArray("indicators").addObject().put("code", indicator.code()).put("value", s.value())
                .put("unit", indicator.unit()).put("observedAt", CanonicalJson.formatInstant(s.at()));
        if (dataGapSince != null && !s.ended()) {
            o.put("dataGapSince", CanonicalJson.formatInstant(dataGapSince));
        }
        if (rule.status() == RuleStatus.exercise) {
            o.put("exercise", true);
        }
        return o;
    }

    /** Templates can make a text longer than the schema allows: cut it at a code point. */
    static String limit(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** CAP severity from the Vietnamese risk level (Decision 18/2021/QĐ-TTg): 1 Minor … 5 Extreme. */
    static Severity severity(int level) {
        return switch (level) {
        case 1 -> Severity.Minor;
        case 2 -> Severity.Moderate;
        case 3, 4 -> Severity.Severe;
        default -> Severity.Extreme;
        };
    }

    static String render(String template, StationRef station, IndicatorDefinition indicator, Fold.Snapshot s) {
        BigDecimal value = s.value();
        return template.replace("{station.name}", station.name()).replace("{station.code}", station.code())
                .replace("{indicator.name}", indicator.name()).replace("{value}", value.toPlainString())
                .replace("{unit}", indicator.unit()).replace("{riskLevel}", String.valueOf(s.level()));
    }
}
