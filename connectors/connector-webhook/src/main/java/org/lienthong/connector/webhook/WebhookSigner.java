package org.lienthong.connector.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.lienthong.hub.api.connector.Secret;

/**
 * Signs events as <a href="https://www.standardwebhooks.com">Standard Webhooks</a> prescribes (symmetric, version
 * {@code v1}).
 *
 * <ul>
 * <li>The secret is written {@code whsec_<base64>}; the key is the base64-decoded part after the prefix, 24 to 64
 * bytes.</li>
 * <li>The signed content is {@code <webhook-id>.<webhook-timestamp>.<body>}: the id, a full stop, the timestamp in
 * decimal unix seconds, a full stop, then the body's exact bytes (UTF-8).</li>
 * <li>The signature is {@code v1,} followed by the standard base64 (with padding) of
 * {@code HMAC-SHA256(key, signed content)}.</li>
 * </ul>
 *
 * Thread-safe: each signature uses its own {@link Mac}. {@link #toString()} never shows the key.
 */
final class WebhookSigner {

    /** What a Standard Webhooks symmetric secret starts with. */
    static final String PREFIX = "whsec_";
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /**
     * @throws IllegalArgumentException
     *             when the secret breaks a rule of {@link #problem}; the message does not quote it
     */
    WebhookSigner(Secret secret) {
        String text = secret.reveal().strip();
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException("the webhook secret " + problem);
        }
        this.key = new SecretKeySpec(Base64.getDecoder().decode(text.substring(PREFIX.length())), HMAC);
    }

    /**
     * What is wrong with a secret, in words for operators, or {@code null} when it is usable. Never quotes the secret.
     */
    static String problem(String secret) {
        if (secret == null || secret.isBlank()) {
            return "is required: the receiver's signing secret, whsec_ followed by base64";
        }
        if (!secret.startsWith(PREFIX)) {
            return "must start with '" + PREFIX + "' followed by base64 (a Standard Webhooks secret)";
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the offending character: say nothing of the secret
            return "must be '" + PREFIX + "' followed by standard base64 (A-Z, a-z, 0-9, '+', '/', '=' padding)";
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            return "must encode a key of " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes after '" + PREFIX
                    + "', not " + key.length;
        }
        return null;
    }

    /**
     * The {@code webhook-signature} header value for one attempt.
     *
     * @param id
     *            the {@code webhook-id}
     * @param timestamp
     *            the {@code webhook-timestamp}, unix seconds
     * @param body
     *            the exact bytes sent
     */
    String sign(String id, long timestamp, byte[] body) {
        Mac mac;
        try {
            mac = Mac.getInstance(HMAC);
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e); // every JDK has it
        }
        mac.update((id + "." + timestamp + ".").getBytes(UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Override
    public String toString() {
        return "WebhookSigner[v1, key ********]";
    }
}
