package org.lienthong.hub.warning;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.access.Visibility;
import org.lienthong.hub.access.WriteRights;
import org.lienthong.hub.api.schema.Classification;
import org.lienthong.hub.api.schema.Domain;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.org.OrganizationCodes;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.RecordValidator;
import org.lienthong.hub.warning.dto.IndicatorDefinition;
import org.lienthong.hub.warning.dto.Station;
import org.lienthong.hub.warning.dto.StationList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The station registry and the indicator catalogue. Stations follow the rules records do: writers for their own
 * organisation and those below it (admins for any), and a station is visible as a record of its owner and
 * classification would be.
 */
@ApplicationScoped
public class StationService {

    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_LIST = 1000;

    @Inject
    StationStore store;

    @Inject
    WriteRights rights;

    /** A checked station body. */
    record Input(String code, String name, String owner, String classification, ObjectNode location,
            List<String> adminCodes, ObjectNode attributes) {
    }

    public Station create(JsonNode body, Access caller) {
        Input in = read(body, null, caller);
        rights.check(in.owner(), caller);
        if (!store.insert(in.code(), in.name(), in.owner(), in.classification(), in.location(), in.adminCodes(),
                in.attributes(), by(caller))) {
            throw HubException
                    .conflict("a station " + in.code() + " exists; change it with PUT /api/v1/stations/" + in.code());
        }
        return store.find(in.code()).orElseThrow();
    }

    public Station update(String code, String ifMatch, JsonNode body, Access caller) {
        Station current = store.find(code, Visibility.ofOwned(caller, "s"))
                .orElseThrow(() -> HubException.notFound("no station " + code));
        rights.check(current.owner(), caller);
        Input in = read(body, code, caller);
        rights.check(in.owner(), caller);
        Integer expected = null;
        if (ifMatch != null) {
            expected = version(ifMatch);
            if (expected == null || expected != current.version()) {
                throw HubException.preconditionFailed("the station is at version " + current.version(),
                        "\"" + current.version() + "\"");
            }
        }
        if (store.update(code, expected, in.name(), in.owner(), in.classification(), in.location(), in.adminCodes(),
                in.attributes(), by(caller)) == 0) {
            Station now = store.find(code).orElseThrow();
            throw HubException.preconditionFailed("the station changed meanwhile", "\"" + now.version() + "\"");
        }
        return store.find(code).orElseThrow();
    }

    public Station get(String code, Access caller) {
        return store.find(code, Visibility.ofOwned(caller, "s"))
                .orElseThrow(() -> HubException.notFound("no station " + code));
    }

    public StationList list(String cursor, String owner, String adminCode, Integer limit, Access caller) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_LIST) {
            throw HubException.invalid("limit", "must be from 1 to " + MAX_LIST);
        }
        List<Station> items = store.list(Visibility.ofOwned(caller, "s"), cursor, owner, adminCode, n + 1);
        String next = null;
        if (items.size() > n) {
            items = items.subList(0, n);
            next = items.get(n - 1).code();
        }
        return new StationList(items, next);
    }

    // ------------------------------------------------------------------ indicators

    public List<IndicatorDefinition> indicators() {
        return store.indicators();
    }

    public IndicatorDefinition indicator(String code) {
        return store.indicator(code).orElseThrow(() -> HubException.notFound("no indicator " + code));
    }

    /** Adds or replaces an indicator (admins); {@code true} when it is new. */
    public boolean putIndicator(JsonNode body, String pathCode, Access caller) {
        if (body == null || !body.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object (one indicator)");
        }
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(n -> {
            if (!List.of("code", "name", "nameEn", "unit", "domain", "description").contains(n)) {
                errors.add(new FieldError(n,
                        "is not a field of an indicator (code, name, nameEn, unit, domain," + " description)"));
            }
        });
        String code = text(body, "code", 64, pathCode == null, errors);
        if (pathCode != null) {
            if (code != null && !code.equals(pathCode)) {
                errors.add(new FieldError("code", "does not match the code in the path"));
            }
            code = pathCode;
        }
        if (code != null && !(Codes.isCode(code) && code.length() <= 64)) {
            errors.add(new FieldError("code", "must be lower-case letters, digits, '.' and '-' (at most 64)"));
        }
        String name = text(body, "name", 200, true, errors);
        String nameEn = text(body, "nameEn", 200, false, errors);
        String unit = text(body, "unit", 64, true, errors);
        String description = text(body, "description", 2000, false, errors);
        Domain domain = null;
        JsonNode d = body.get("domain");
        if (d == null || !d.isTextual() || Vocabulary.fromWireValue(Domain.class, d.textValue()).isEmpty()) {
            errors.add(new FieldError("domain", "must be " + Vocabulary.alternatives(Domain.class)));
        } else {
            domain = Vocabulary.fromWireValue(Domain.class, d.textValue()).get();
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        return store.putIndicator(new IndicatorDefinition(code, name, nameEn, unit, domain, description), by(caller));
    }

    // ------------------------------------------------------------------ input

    /** Reads a station body as a tree so that one 400 names every bad field. */
    private Input read(JsonNode body, String pathCode, Access caller) {
        if (body == null || !body.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object (one station)");
        }
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(n -> {
            if (!List.of("code", "name", "owner", "classification", "location", "attributes", "version", "createdAt",
                    "updatedAt", "dataGapSince").contains(n)) {
                errors.add(new FieldError(n,
                        "is not a field of a station (code, name, owner, classification," + " location, attributes)"));
            }
        });
        String code = text(body, "code", 128, pathCode == null, errors);
        if (pathCode != null) {
            if (code != null && !code.equals(pathCode)) {
                errors.add(new FieldError("code", "does not match the code in the path; codes never change"));
            }
            code = pathCode;
        }
        if (code != null && !Codes.isCode(code)) {
            errors.add(new FieldError("code",
                    "must be lower-case letters, digits, '.' and '-', such as" + " vn.nchmf.long-bien"));
        }
        String name = text(body, "name", 500, true, errors);
        String owner = text(body, "owner", OrganizationCodes.MAX_LENGTH, false, errors);
        if (owner == null) {
            owner = caller.org();
        } else if (!OrganizationCodes.isValid(owner)) {
            errors.add(new FieldError("owner", "must be an organisation code such as vn.nchmf"));
        }
        String classification = Classification.internal.toString();
        JsonNode c = body.get("classification");
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !Vocabulary.isWireValue(Classification.class, c.textValue())) {
                errors.add(
                        new FieldError("classification", "must be " + Vocabulary.alternatives(Classification.class)));
            } else {
                classification = c.textValue();
            }
        }
        ObjectNode location = null;
        try {
            location = RecordValidator.checkLocation("location", body.get("location"));
            JsonNode geometry = location.get("geometry");
            if (geometry == null || !"Point".equals(geometry.path("type").asText())) {
                errors.add(new FieldError("location.geometry", "is required: the station's Point"));
            }
        } catch (HubException e) {
            errors.addAll(e.errors());
        }
        ObjectNode attributes = RecordJson.NODES.objectNode();
        JsonNode a = body.get("attributes");
        if (a != null && !a.isNull()) {
            if (!a.isObject() || a.size() > MAX_ATTRIBUTES) {
                errors.add(new FieldError("attributes", "must be an object of at most " + MAX_ATTRIBUTES + " members"));
            } else {
                a.properties().forEach(e -> {
                    JsonNode v = e.getValue();
                    if (!(v.isNumber() || (v.isTextual() && v.textValue().length() <= 500))
                            || e.getKey().length() > 64) {
                        errors.add(new FieldError("attributes." + e.getKey(), "must be a number or a short text"));
                    }
                });
                attributes = (ObjectNode) a;
            }
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        List<String> adminCodes = new ArrayList<>();
        location.path("adminCodes").forEach(n -> adminCodes.add(n.textValue()));
        return new Input(code, name, owner, classification, location, adminCodes, attributes);
    }

    private static String text(JsonNode body, String field, int max, boolean required, List<FieldError> errors) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank() || n.textValue().length() > max
                || n.textValue().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must be text of 1 to " + max + " characters"));
            return null;
        }
        return n.textValue();
    }

    static Integer version(String ifMatch) {
        String t = ifMatch.strip();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String by(Access caller) {
        return caller.org() + "/" + caller.caller().subject();
    }
}
