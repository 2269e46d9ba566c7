package org.lienthong.hub.warning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.access.WriteRights;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.Uuids;
import org.lienthong.hub.warning.RuleStore.Head;
import org.lienthong.hub.warning.RuleStore.StoredVersion;
import org.lienthong.hub.warning.dto.Episode;
import org.lienthong.hub.warning.dto.EpisodeList;
import org.lienthong.hub.warning.dto.RuleBody;
import org.lienthong.hub.warning.dto.WarningRuleList;
import org.lienthong.hub.warning.dto.WarningRuleView;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Warning rules, versioned like records: every change is a new version with its author, under If-Match. A rule belongs
 * to an organisation (its owner) and is visible as a record of that owner and classification would be; writers write
 * for their organisation and those below it. A new version applies from its {@code effectiveFrom} (default: when it is
 * written); its stations are queued for evaluation from then, in the same transaction.
 */
@ApplicationScoped
public class RuleService {

    static final int MAX_LIST = 1000;

    @Inject
    RuleStore store;

    @Inject
    StationStore stations;

    @Inject
    WriteRights rights;

    @Inject
    Evaluator evaluator;

    @Transactional
    public WarningRuleView create(JsonNode body, Access caller) {
        WarningRule rule = checked(body, caller);
        Instant from = effectiveFrom(body);
        UUID id = Uuids.v7();
        store.insert(id, rule, RuleParser.toJson(rule), from, caller.org(), caller.caller().subject());
        evaluator.queue(rule, from);
        return get(id, caller);
    }

    @Transactional
    public WarningRuleView update(UUID id, String ifMatch, JsonNode body, Access caller) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw HubException.preconditionRequired("send If-Match with the ETag of the version you are changing");
        }
        Head head = store.lock(id).orElseThrow(() -> notFound(id));
        if (store.find(id, Visibility.ofOwned(caller, "r")).isEmpty()) {
            throw notFound(id);
        }
        Integer expected = StationService.version(ifMatch);
        if (expected == null || expected != head.version()) {
            throw HubException.preconditionFailed("the rule is at version " + head.version(),
                    "\"" + head.version() + "\"");
        }
        rights.check(head.owner(), caller);
        WarningRule before = RuleParser.parse(store.versions(id).get(head.version() - 1).body());
        WarningRule rule = checked(body, caller);
        Instant from = effectiveFrom(body);
        store.update(id, head.version() + 1, rule, RuleParser.toJson(rule), from, caller.org(),
                caller.caller().subject());
        evaluator.queue(before, from);
        evaluator.queue(rule, from);
        return get(id, caller);
    }

    public WarningRuleView get(UUID id, Access caller) {
        Head head = store.find(id, Visibility.ofOwned(caller, "r")).orElseThrow(() -> notFound(id));
        List<StoredVersion> versions = store.versions(id);
        return view(head, versions.get(versions.size() - 1));
    }

    public WarningRuleList versions(UUID id, Access caller) {
        Head head = store.find(id, Visibility.ofOwned(caller, "r")).orElseThrow(() -> notFound(id));
        return new WarningRuleList(store.versions(id).stream().map(v -> view(head, v)).toList(), null);
    }

    public WarningRuleList list(String cursor, Integer limit, Access caller) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_LIST) {
            throw HubException.invalid("limit", "must be from 1 to " + MAX_LIST);
        }
        UUID after = cursor == null ? null : Uuids.parse("cursor", cursor);
        List<Head> heads = store.list(Visibility.ofOwned(caller, "r"), after, n + 1);
        String next = null;
        if (heads.size() > n) {
            heads = heads.subList(0, n);
            next = heads.get(n - 1).id().toString();
        }
        List<WarningRuleView> items = new ArrayList<>();
        for (Head h : heads) {
            List<StoredVersion> versions = store.versions(h.id());
            items.add(view(h, versions.get(versions.size() - 1)));
        }
        return new WarningRuleList(items, next);
    }

    public EpisodeList episodes(UUID id, Access caller) {
        store.find(id, Visibility.ofOwned(caller, "r")).orElseThrow(() -> notFound(id));
        return new EpisodeList(store.episodes(id).stream().map(e -> new Episode(e.id(), e.station(), e.status(),
                e.level(), e.startedAt(), e.endedAt(), e.lastReadingAt(), e.dataGapSince())).toList());
    }

    // ------------------------------------------------------------------ checks

    /** The rule, with owner and classification defaulted, checked against the catalogue, the registry and rights. */
    private WarningRule checked(JsonNode body, Access caller) {
        WarningRule parsed = RuleParser.parse(body);
        String owner = parsed.owner() == null ? caller.org() : parsed.owner();
        Classification classification = parsed.classification() == null ? Classification.internal
                : parsed.classification();
        WarningRule rule = new WarningRule(parsed.name(), parsed.indicator(), parsed.stations(), parsed.adminCodes(),
                parsed.aggregate(), parsed.levels(), parsed.noDataAfter(), parsed.hazardCode(), parsed.domain(),
                parsed.title(), parsed.instruction(), owner, classification, parsed.expiresAfter(), parsed.status());
        List<FieldError> errors = new ArrayList<>();
        if (stations.indicator(rule.indicator()).isEmpty()) {
            errors.add(new FieldError("indicator",
                    "is not in the indicator catalogue: " + rule.indicator() + " (see GET /api/v1/indicators)"));
        }
        Map<String, StationStore.StationRef> known = stations.refs(rule.stations());
        for (int i = 0; i < rule.stations().size(); i++) {
            if (!known.containsKey(rule.stations().get(i))) {
                errors.add(new FieldError("stations[" + i + "]",
                        "is not a registered station: " + rule.stations().get(i)));
            }
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        rights.check(owner, caller);
        return rule;
    }

    private static Instant effectiveFrom(JsonNode body) {
        JsonNode n = body.get("effectiveFrom");
        if (n == null || n.isNull()) {
            return Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        try {
            if (n.isTextual()) {
                return OffsetDateTime.parse(n.textValue()).toInstant().truncatedTo(ChronoUnit.MICROS);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw HubException.invalid("effectiveFrom", "must be an RFC 3339 timestamp");
    }

    static WarningRuleView view(Head head, StoredVersion v) {
        WarningRule r = RuleParser.parse(v.body());
        RuleBody body = new RuleBody(r.name(), r.indicator(), r.stations(), r.adminCodes(),
                r.aggregate() == null ? null
                        : new RuleBody.Aggregate(r.aggregate().fn(),
                                r.aggregate().window().isZero() ? null : r.aggregate().window().toString()),
                r.levels().stream().map(
                        l -> new RuleBody.Level(l.riskLevel(), l.above(), l.below(), l.clear(), l.hold().toString()))
                        .toList(),
                r.noDataAfter() == null ? null : r.noDataAfter().toString(), r.hazardCode(), r.domain(), r.title(),
                r.instruction(), r.owner(), r.classification(),
                r.expiresAfter() == null ? null : r.expiresAfter().toString(), r.status(), v.effectiveFrom());
        return new WarningRuleView(head.id(), v.version(), body,
                new WarningRuleView.Author(v.authorOrg(), v.authorSubject()), v.recordedAt(), head.createdAt());
    }

    private static HubException notFound(UUID id) {
        return HubException.notFound("no warning rule " + id);
    }
}
