package org.lienthong.hub.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit hash chain over every version in change-feed order {@code (txid, seq)}.
 *
 * <pre>
 * chain_0 = "0000…0000"                                    (64 zeros)
 * chain_n = hex(SHA-256(ASCII(chain_{n-1} + hash_n)))      (n ≥ 1)
 * </pre>
 *
 * where {@code hash_n} is the version hash (see {@code VersionHash}) of the n-th version, and every hex string is
 * lowercase. The bytes hashed are exactly the 128 ASCII characters of the previous head followed by the version hash:
 * no separator, no newline. The offline verifier ({@code audit-verifier}) implements the same rule independently.
 */
public final class HashChain {

    /** {@code chain_0}. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    /** {@code chain_n} from {@code chain_{n-1}} and the hash of version n. */
    public static String next(String previous, String versionHash) {
        if (previous.length() != 64 || versionHash.length() != 64) {
            throw new IllegalArgumentException("chain heads and version hashes are 64 hex digits");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.US_ASCII));
            sha.update(versionHash.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
