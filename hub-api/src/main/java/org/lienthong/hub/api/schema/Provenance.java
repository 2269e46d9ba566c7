package org.lienthong.hub.api.schema;

import java.time.Instant;
import java.util.List;

/**
 * Where the current version of a record came from ({@code provenance} in the envelope). Set by the hub on every write,
 * never taken from a client, so any hub can tell who recorded a version, where, how, and which versions it replaced.
 *
 * @param author
 *            who wrote this version; set by the hub
 * @param activity
 *            what kind of write produced this version; set by the hub
 * @param recordedAt
 *            when the origin hub recorded this version; set by the hub
 * @param originHub
 *            identifier of the hub where this version was first recorded; kept when the record replicates
 * @param connector
 *            instance name of the connector that wrote this version; {@code null} when no connector wrote it
 * @param sourceRef
 *            identity in the originating system at the time of this version; may be {@code null}
 * @param hash
 *            SHA-256 (lowercase hex) of the version's canonical JSON form; computed by the hub
 * @param parents
 *            hashes of the version(s) this one replaces: empty for a first version, one for an ordinary update, several
 *            for a {@link Activity#merge}; unmodifiable
 * @param derivation
 *            for a {@link Activity#derive} version: the warning rule version and the observations that decided it;
 *            {@code null} otherwise
 */
public record Provenance(Author author, Activity activity, Instant recordedAt, String originHub, String connector,
        SourceRef sourceRef, String hash, List<String> parents, Derivation derivation) {

    /** Copies {@code parents}; does not validate (see the package documentation). */
    public Provenance {
        parents = Lists.copy(parents);
    }
}
