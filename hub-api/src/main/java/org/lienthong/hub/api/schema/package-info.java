/**
 * The canonical schema v1: the three record kinds every hub stores and exchanges
 * ({@link org.lienthong.hub.api.schema.Threat}, {@link org.lienthong.hub.api.schema.Incident},
 * {@link org.lienthong.hub.api.schema.Resource}), the objects they are made of, and the enumerated values they use.
 * Connectors translate to and from these types; the hub validates and stores them.
 *
 * <h2>A mirror of the wire contract</h2>
 * <p>
 * Every record component is named exactly like its JSON field in {@code SCHEMA.md}, and every enum constant is spelled
 * exactly like its wire value, case included ({@code Domain.geology}, {@code Urgency.Immediate},
 * {@code ImpactMetric.housesDamaged}). That breaks the Java habit of upper-case constants on purpose: Jackson, JSON-B
 * and Gson all bind records by component name and enums by {@link java.lang.Enum#name()}, so they read and write this
 * model with no annotations, naming strategies or adapters, and the Java model cannot drift from the contract through a
 * forgotten mapping. Renaming a component or a constant is a breaking change to the wire format.
 * <p>
 * Two wire values are Java keywords and cannot be constant names:
 * {@link org.lienthong.hub.api.schema.Classification#public_} ({@code "public"}) and
 * {@link org.lienthong.hub.api.schema.Activity#import_} ({@code "import"}). For every enum in this package
 * {@link java.lang.Enum#toString()} returns the wire value; it equals {@code name()} everywhere except for these two
 * constants. A JSON binding therefore needs exactly one setting to be exact for all enums: read and write enums by
 * {@code toString()} (Jackson: {@code WRITE_ENUMS_USING_TO_STRING} and {@code READ_ENUMS_USING_TO_STRING}). Other code
 * that stores or compares wire values (SQL, query parameters) should use {@code toString()} too;
 * {@link org.lienthong.hub.api.schema.Vocabulary} lists and looks up wire values that way.
 * <p>
 * The vocabularies of the schema are defined here once; code that checks or writes them reads them from here instead of
 * repeating them: the enums, {@link org.lienthong.hub.api.schema.GeometryType} for {@code Geometry.type} (a
 * {@code String} component, so that any input binds), and {@link org.lienthong.hub.api.schema.HazardCode} for the form
 * of {@code hazardCode}.
 *
 * <h2>Nullability and validation</h2>
 * <p>
 * Every component may be {@code null}: a record is whatever a client or connector sent, including invalid input.
 * Constructors do not validate; the hub validates the whole record in one pass so that a client sees every error at
 * once (a constructor would stop at the first). "Required" and range rules in the Javadoc are therefore what the hub
 * checks on write, and what a reader can rely on for a record the hub has stored. Fields the hub sets ({@code id},
 * {@code kind}, {@code version}, timestamps, {@code deleted}, {@code provenance}) are ignored when a client sends them
 * and always present on stored records.
 * <p>
 * List components are copied into unmodifiable lists; a {@code null} list stays {@code null} (absent field, which is
 * not the same as an empty list) and {@code null} elements are kept so the hub can report them.
 *
 * <h2>Types</h2>
 * <ul>
 * <li>Identifiers are {@link java.util.UUID}s.</li>
 * <li>Timestamps are {@link java.time.Instant}s, written as RFC 3339 UTC ({@code 2026-11-22T08:00:00Z}).</li>
 * <li>Quantities and measured values are {@link java.math.BigDecimal}s, so amounts such as {@code economicLossVnd}
 * survive a round trip exactly and hash the same on every hub.</li>
 * <li>Geometry is GeoJSON (RFC 7946) with {@code [lon, lat]} positions; CAP writes {@code lat,lon}, so CAP connectors
 * swap the order.</li>
 * </ul>
 * <p>
 * This package depends on nothing outside {@code java.*}, so an integrator can compile a connector against it without
 * the hub's runtime.
 */
package org.lienthong.hub.api.schema;
