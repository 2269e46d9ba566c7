package org.lienthong.hub.audit.checkpoint;

import java.io.IOException;
import java.time.Instant;

import org.lienthong.hub.feed.ChangeCursor;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One signed checkpoint: the audit chain head after the first {@code position} versions of the change feed.
 *
 * @param cursor
 *            the feed position (txid, seq) of version {@code position}; {@link ChangeCursor#START} at position 0
 * @param lastHash
 *            the hash of version {@code position}, {@code null} at position 0
 * @param statement
 *            the canonical JSON text that was signed, as UTF-8
 * @param signature
 *            base64 Ed25519 signature of the statement
 */
public record Checkpoint(long position, ChangeCursor cursor, String lastHash, String chain, String statement,
        String signature, String keyId, Instant createdAt) {

    /**
     * {@code {"statement": {…}, "signature": "…", "algorithm": "Ed25519", "cursor": "c1.…"}}. The statement is written
     * exactly as signed (it is canonical JSON, so re-canonicalising it gives the same bytes).
     */
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName("statement");
        g.writeRawValue(statement);
        g.writeStringField("signature", signature);
        g.writeStringField("algorithm", SigningKeys.ALGORITHM);
        g.writeStringField("cursor", cursor.encode());
        g.writeEndObject();
    }
}
