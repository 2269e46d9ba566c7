package org.lienthong.connector.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a receiver does with the Standard Webhooks headers, written from the specification and independently of
 * {@link WebhookSigner}: the key is the base64 after {@code whsec_}; the signed content is
 * {@code id + "." + timestamp + "." + body}; {@code webhook-signature} is a space-separated list of
 * {@code version,base64}, of which one {@code v1} entry must match (compared in constant time); and the timestamp must
 * be within five minutes of the receiver's clock, either way.
 */
final class StandardWebhooksVerifier {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    StandardWebhooksVerifier(String secret) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("not a whsec_ secret");
        }
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    /**
     * @return {@code null} when the message is authentic and fresh, else why not
     */
    String verify(String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || id.isEmpty()) {
            return "missing webhook-id";
        }
        if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
            return "missing or malformed webhook-timestamp";
        }
        if (signatures == null || signatures.isBlank()) {
            return "missing webhook-signature";
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return "webhook-timestamp is more than 5 minutes off";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] prefix = (id + "." + timestamp + ".").getBytes(UTF_8);
            byte[] content = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, content, 0, prefix.length);
            System.arraycopy(body, 0, content, prefix.length, body.length);
            expected = mac.doFinal(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String entry : signatures.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return "no matching v1 signature";
    }
}
