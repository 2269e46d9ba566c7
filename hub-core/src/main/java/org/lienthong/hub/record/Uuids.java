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
}
