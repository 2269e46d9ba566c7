package org.lienthong.connector.csv;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.lienthong.hub.api.connector.ConnectorException;

/** Where the CSV files come from: a directory, one file, or an http(s) URL. Used by one polling thread. */
interface Drop extends AutoCloseable {

    /** The largest file read: 50 MiB. */
    long MAX_BYTES = 50L << 20;

    /**
     * The files there now, in the order to import them (oldest first).
     *
     * @throws ConnectorException
     *             not transient when the place does not exist or may not be read; transient for other I/O failures
     */
    List<Candidate> candidates(Duration budget) throws ConnectorException;

    @Override
    void close();

    /** One file. */
    interface Candidate {

        /** The file's name, as operators see it in descriptions ({@code kho.csv}). */
        String name();

        /** Whether it has been left alone long enough to be complete (a file being written is not read yet). */
        boolean settled();

        /**
         * Reads the file, unless it is known to be unchanged.
         *
         * @param importedSha256
         *            the digest of the content last imported under this name, or {@code null}
         * @param budget
         *            how long reading may take
         *
         * @return the content; {@link Fetched#unchanged} when it is known to be {@code importedSha256} without reading
         *         it; {@code null} when the file has gone since it was listed
         */
        Fetched fetch(String importedSha256, Duration budget) throws ConnectorException;
    }

    /**
     * What reading a file gave.
     *
     * @param sha256
     *            the content's digest (hex), or for a file that cannot be imported a stand-in that changes when the
     *            file does ({@code too-large:…})
     * @param bytes
     *            the content, or {@code null} when unchanged or refused
     * @param problem
     *            why the file as a whole cannot be imported, or {@code null}
     */
    record Fetched(String sha256, byte[] bytes, String problem) {

        static Fetched unchanged(String sha256) {
            return new Fetched(sha256, null, null);
        }

        static Fetched content(byte[] bytes) {
            return new Fetched(Drop.sha256(bytes), bytes, null);
        }

        static Fetched refused(String standIn, String problem) {
            return new Fetched(standIn, null, problem);
        }

        static String tooLarge(long bytes) {
            return "the file is larger than " + (MAX_BYTES >> 20) + " MiB" + (bytes > 0 ? " (" + bytes + " bytes)" : "")
                    + "; split it into smaller files";
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
