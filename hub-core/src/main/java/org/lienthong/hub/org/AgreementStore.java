package org.lienthong.hub.org;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.CanonicalJson;
import org.lienthong.hub.record.StoreException;
import org.lienthong.hub.security.Clearance;

import com.fasterxml.jackson.databind.JsonNode;

/** Sharing agreements in PostgreSQL; the visibility predicate reads the same table. */
@ApplicationScoped
public class AgreementStore {

    private static final Set<String> MEMBERS = Set.of("grantor", "grantee", "kinds", "maxClassification", "purpose",
            "validFrom", "validUntil");

    @Inject
    DataSource dataSource;

    @Inject
    OrganizationRegistry registry;

    public Agreement create(JsonNode body, String createdBy) {
        if (!body.isObject()) {
            throw HubException.invalid("", "the body must be a JSON object (one agreement)");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!MEMBERS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of an agreement"));
            }
        }
        String grantor = org(body, "grantor", errors);
        String grantee = org(body, "grantee", errors);
        if (grantor != null && grantor.equals(grantee)) {
            errors.add(new FieldError("grantee", "must differ from grantor"));
        }
        Set<String> kinds = new LinkedHashSet<>();
        JsonNode kindsNode = body.get("kinds");
        if (kindsNode == null || !kindsNode.isArray() || kindsNode.isEmpty()) {
            errors.add(new FieldError("kinds",
                    "is required: a list of " + String.join(", ", Vocabulary.wireValues(RecordKind.class))));
        } else {
            for (int i = 0; i < kindsNode.size(); i++) {
                JsonNode k = kindsNode.get(i);
                if (!k.isTextual() || !Vocabulary.isWireValue(RecordKind.class, k.textValue())) {
                    errors.add(
                            new FieldError("kinds[" + i + "]", "must be " + Vocabulary.alternatives(RecordKind.class)));
                } else {
                    kinds.add(k.textValue());
                }
            }
        }
        JsonNode max = body.get("maxClassification");
        if (max == null || !max.isTextual() || Clearance.rank(max.textValue()) < 0) {
            errors.add(new FieldError("maxClassification", "must be one of " + String.join(", ", Clearance.LEVELS)));
        }
        JsonNode purpose = body.get("purpose");
        if (purpose == null || !purpose.isTextual() || purpose.textValue().isBlank()
                || purpose.textValue().length() > 2000 || purpose.textValue().chars().anyMatch(c -> c == 0)) {
            errors.add(new FieldError("purpose", "is required: why the data is shared (at most 2000 characters)"));
        }
        Instant from = time(body, "validFrom", errors);
        Instant until = time(body, "validUntil", errors);
        if (from != null && until != null && !from.isBefore(until)) {
            errors.add(new FieldError("validUntil", "must be after validFrom"));
        }
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into agreement (id, grantor, grantee, kinds, max_classification, purpose, valid_from,
                    valid_until, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, grantor);
            ps.setString(3, grantee);
            ps.setArray(4, c.createArrayOf("text", kinds.toArray()));
            ps.setString(5, max.textValue());
            ps.setString(6, purpose.textValue());
            ps.setObject(7, from == null ? null : from.atOffset(ZoneOffset.UTC));
            ps.setObject(8, until == null ? null : until.atOffset(ZoneOffset.UTC));
            ps.setString(9, createdBy);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return find(id).orElseThrow();
    }

    public java.util.Optional<Agreement> find(UUID id) {
        List<Agreement> rows = query(SELECT + " where id = ?", id);
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(0));
    }

    /** Every agreement, or those where {@code org} is grantor or grantee. */
    public List<Agreement> list(String org) {
        return org == null ? query(SELECT + " order by created_at, id")
                : query(SELECT + " where grantor = ? or grantee = ? order by created_at, id", org, org);
    }

    public boolean delete(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from agreement where id = ?")) {
            ps.setObject(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static final String SELECT = "select id, grantor, grantee, kinds, max_classification, purpose, valid_from,"
            + " valid_until, created_at, created_by from agreement";

    private List<Agreement> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Agreement> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Agreement(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3),
                            Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getString(6),
                            format(rs.getObject(7, OffsetDateTime.class)),
                            format(rs.getObject(8, OffsetDateTime.class)),
                            format(rs.getObject(9, OffsetDateTime.class)), rs.getString(10)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static String format(OffsetDateTime t) {
        return t == null ? null : CanonicalJson.formatInstant(t.toInstant());
    }

    private String org(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || !OrganizationCodes.isValid(node.textValue())) {
            errors.add(new FieldError(field, "is required: an organisation code"));
            return null;
        }
        if (registry.find(node.textValue()).isEmpty()) {
            errors.add(new FieldError(field, "is not a registered organisation: " + node.textValue()));
            return null;
        }
        return node.textValue();
    }

    private static Instant time(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be an RFC 3339 timestamp such as 2026-12-31T17:00:00Z"));
        return null;
    }
}
