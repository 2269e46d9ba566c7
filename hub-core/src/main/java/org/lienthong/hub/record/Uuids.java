package org.lienthong.hub.record;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Record ids are UUIDv7 (RFC 9562): globally unique across hubs without coordination, and time-ordered, so lists paged
 * by id come out in creation order and inserts stay local in the primary-key index.
 */
public final class Uuids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {
    }

    /** A UUID from a URL path, in its canonical lower-case form only; anything else is a 400 naming {@code field}. */
    public static UUID parse(String field, String text) {
        try {
            UUID uuid = UUID.fromString(text);
            if (uuid.toString().equals(text.toLowerCase(java.util.Locale.ROOT))) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw org.lienthong.hub.error.HubException.invalid(field, "must be a UUID");
    }

    public static UUID v7() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong();
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The URL namespace of RFC 9562 (appendix A), under which {@link #nameBased} names. */
    private static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /**
     * A name-based UUIDv5 (RFC 9562, SHA-1) of {@code name} in the URL namespace: every hub derives the same id from
     * the same name, so that what the early warning derives has one identity wherever it is computed. The JDK offers
     * only version 3 (MD5), which RFC 9562 advises against for new uses.
     */
    public static UUID nameBased(String name) {
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            java.nio.ByteBuffer ns = java.nio.ByteBuffer.allocate(16);
            ns.putLong(URL_NAMESPACE.getMostSignificantBits()).putLong(URL_NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer hash = java.nio.ByteBuffer.wrap(sha1.digest());
            long msb = (hash.getLong() & ~0xF000L) | 0x5000L;
            long lsb = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
