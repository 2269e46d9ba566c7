package org.lienthong.hub.org;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.lienthong.hub.config.HubConfig;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.RecordJson;
import org.lienthong.hub.record.StoreException;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.StartupEvent;

/**
 * The organisation registry in PostgreSQL. Each row keeps its {@code path} (codes from the root to itself) so that the
 * visibility predicate can test "above" and "below" with array membership instead of recursive queries; a change of
 * parent rewrites the paths of the whole subtree in the same transaction.
 */
@ApplicationScoped
public class OrganizationRegistry {

    private static final Logger LOG = Logger.getLogger(OrganizationRegistry.class);

    @Inject
    DataSource dataSource;

    @Inject
    HubConfig config;

    /** Loads {@code hub.organizations.seed-file} into an empty registry, so a new deployment starts populated. */
    @Transactional
    void seed(@Observes StartupEvent event) throws IOException {
        if (config.organizations().seedFile().isEmpty() || count() > 0) {
            return;
        }
        Path file = config.organizations().seedFile().get();
        JsonNode list = RecordJson.parse(Files.newInputStream(file));
        if (!list.isArray()) {
            throw new IllegalStateException(file + " must hold a JSON array of organisations");
        }
        int loaded = 0;
        // parents first: repeat passes until everything whose parent exists is in
        List<JsonNode> pending = new ArrayList<>();
        list.forEach(pending::add);
        while (!pending.isEmpty()) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : pending) {
                String parent = node.path("parent").isTextual() ? node.get("parent").textValue() : null;
                if (parent == null || find(parent).isPresent()) {
                    try {
                        create(OrganizationInput.from(node, "seed"));
                        loaded++;
                    } catch (HubException e) {
                        if (e.status() != 409) { // another hub instance seeded it first
                            throw e;
                        }
                    }
                } else {
                    next.add(node);
                }
            }
            if (next.size() == pending.size()) {
                throw new IllegalStateException(file + ": parents not found for " + next.size() + " organisations");
            }
            pending = next;
        }
        LOG.infof("Loaded %d organisations from %s", loaded, file);
    }

    long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from organization");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public Optional<Organization> find(String code) {
        List<Organization> rows = query(
                "select code, name, name_en, parent, kind, path from organization where code = ?", code);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Codes from the root to {@code code} inclusive, or empty when the code is not registered. */
    public Optional<List<String>> path(String code) {
        return find(code).map(Organization::path);
    }

    public List<Organization> list(String parent) {
        if (parent != null) {
            return query("select code, name, name_en, parent, kind, path from organization where parent = ?"
                    + " order by code", parent);
        }
        return query("select code, name, name_en, parent, kind, path from organization order by path");
    }

    @Transactional
    public Organization create(OrganizationInput in) {
        List<String> path = pathUnder(in.parent(), in.code());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into organization (code, name, name_en, parent, kind, path)
                values (?, ?, ?, ?, ?, ?) on conflict (code) do nothing""")) {
            ps.setString(1, in.code());
            ps.setString(2, in.name());
            ps.setString(3, in.nameEn());
            ps.setString(4, in.parent());
            ps.setString(5, in.kind());
            ps.setArray(6, c.createArrayOf("text", path.toArray()));
            if (ps.executeUpdate() == 0) {
                throw HubException.conflict("organisation " + in.code() + " exists already; change it with PUT");
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return find(in.code()).orElseThrow();
    }

    /** Changes name, kind or parent; a new parent moves the whole subtree. */
    @Transactional
    public Organization update(OrganizationInput in) {
        Organization current = findForUpdate(in.code())
                .orElseThrow(() -> HubException.notFound("no organisation " + in.code()));
        List<String> path = pathUnder(in.parent(), in.code());
        if (in.parent() != null && path.subList(0, path.size() - 1).contains(in.code())) {
            throw HubException.invalid("parent", "would make " + in.code() + " its own ancestor");
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "update organization set name = ?, name_en = ?, parent = ?, kind = ?, updated_at = now()"
                            + " where code = ?")) {
                ps.setString(1, in.name());
                ps.setString(2, in.nameEn());
                ps.setString(3, in.parent());
                ps.setString(4, in.kind());
                ps.setString(5, in.code());
                ps.executeUpdate();
            }
            if (!path.equals(current.path())) {
                // every organisation whose path starts with the old path gets the new prefix
                try (PreparedStatement ps = c.prepareStatement("""
                        update organization set path = ?::text[] || path[? + 1:], updated_at = now()
                        where path[1:?] = ?::text[]""")) {
                    Array newPath = c.createArrayOf("text", path.toArray());
                    Array oldPath = c.createArrayOf("text", current.path().toArray());
                    ps.setArray(1, newPath);
                    ps.setInt(2, current.path().size());
                    ps.setInt(3, current.path().size());
                    ps.setArray(4, oldPath);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return find(in.code()).orElseThrow();
    }

    private Optional<Organization> findForUpdate(String code) {
        List<Organization> rows = query(
                "select code, name, name_en, parent, kind, path from organization where code = ? for update", code);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<String> pathUnder(String parent, String code) {
        if (parent == null) {
            return List.of(code);
        }
        List<String> parentPath = path(parent).orElseThrow(() -> HubException
                .invalid(List.of(new FieldError("parent", "is not a registered organisation: " + parent))));
        List<String> path = new ArrayList<>(parentPath);
        path.add(code);
        return path;
    }

    private List<Organization> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Organization> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Organization(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Arrays.asList((String[]) rs.getArray(6).getArray())));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
