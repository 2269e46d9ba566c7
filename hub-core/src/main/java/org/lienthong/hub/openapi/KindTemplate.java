package org.lienthong.hub.openapi;

import java.util.List;
import java.util.Locale;

import org.lienthong.hub.api.schema.RecordKind;

/**
 * The per-kind contract written once. The three record collections ({@code /api/v1/threats}, {@code …/incidents},
 * {@code …/resources}) share one implementation ({@code RecordCollectionResource}) whose OpenAPI annotations use the
 * placeholders below; {@link ContractFilter} replaces them under each collection's paths, so that every kind gets its
 * own operation ids ({@code createIncident}) and its own request and response schemas ({@code Incident},
 * {@code IncidentRecord}) — what generated clients need — without three copies of the annotations.
 *
 * <p>
 * Placeholders in operation ids, summaries and descriptions: {@value #KIND} ({@code Incident}), {@value #KINDS}
 * ({@code Incidents}), {@value #A_KIND} ({@code an incident}), {@value #VI} (the Vietnamese name). Schema references:
 * the names below, which no real schema has.
 */
public final class KindTemplate {

    public static final String KIND = "{Kind}";
    public static final String KINDS = "{Kinds}";
    public static final String A_KIND = "{a kind}";
    public static final String VI = "{vi}";

    /** The request body of a create or replace: the kind's writable fields ({@code Incident}). */
    public static final String BODY = "KindBody";
    /** A stored version as the hub returns it: envelope and content ({@code IncidentRecord}). */
    public static final String RECORD = "KindRecord";
    /** A page of current versions ({@code IncidentPage}). */
    public static final String PAGE = "KindPage";
    /** Every version of one record ({@code IncidentVersionList}). */
    public static final String VERSIONS = "KindVersionList";
    /** The kind's life-cycle status enum ({@code IncidentStatus}). */
    public static final String STATUS = "KindStatus";

    /**
     * An extension on a parameter that applies to some kinds only, e.g. {@code threat,incident} on the
     * {@code hazardCode} filter: the filter drops the parameter from the other kinds' operations.
     */
    public static final String ONLY_FOR = "x-lienthong-kinds";

    private KindTemplate() {
    }

    /** What the placeholders stand for under one kind's paths. */
    public record Names(RecordKind kind, String name, String plural, String article, String vietnamese) {

        public String collectionPath() {
            return "/api/v1/" + kind + "s";
        }

        /** {@code KindRecord} → {@code IncidentRecord}; any other schema name is returned as it is. */
        public String schema(String template) {
            return switch (template) {
            case BODY -> name;
            case RECORD -> name + "Record";
            case PAGE -> name + "Page";
            case VERSIONS -> name + "VersionList";
            case STATUS -> name + "Status";
            default -> template;
            };
        }

        public String text(String template) {
            return template == null ? null : template.replace(KINDS, plural).replace(KIND, name)
                    .replace(A_KIND, article).replace(VI, vietnamese);
        }

        public static Names of(RecordKind kind) {
            String name = kind.name().substring(0, 1).toUpperCase(Locale.ROOT) + kind.name().substring(1);
            return switch (kind) {
            case threat -> new Names(kind, name, name + "s", "a threat", "mối đe dọa");
            case incident -> new Names(kind, name, name + "s", "an incident", "sự cố");
            case resource -> new Names(kind, name, name + "s", "a resource", "nguồn lực");
            };
        }

        public static List<Names> all() {
            return List.of(RecordKind.values()).stream().map(Names::of).toList();
        }
    }
}
