package org.lienthong.audit.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit hash chain: {@code chain_0} is 64 zeros; {@code chain_n} is the lowercase hex SHA-256 of the 128 ASCII
 * bytes {@code chain_{n-1} + hash_n} (both lowercase hex, no separator), {@code hash_n} being the hash of the n-th
 * version in the export.
 */
final class Chain {

    static final String GENESIS = "0".repeat(64);

    private Chain() {
    }

    static String next(String previous, String versionHash) {
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
