package org.lienthong.connector.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.lienthong.hub.api.connector.Secret;

/** The signature against the Standard Webhooks reference vector, and against the receivers' verifier. */
class WebhookSignerTest {

    // the "sign function works" vector of the Standard Webhooks reference libraries
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330L;
    private static final String VECTOR_PAYLOAD = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void matchesTheReferenceVector() {
        WebhookSigner signer = new WebhookSigner(new Secret(VECTOR_SECRET));
        assertEquals(VECTOR_SIGNATURE, signer.sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD.getBytes(UTF_8)));
    }

    @Test
    void theTestReceiversVerifierAcceptsTheVectorAndNothingElse() {
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(VECTOR_SECRET);
        Instant then = Instant.ofEpochSecond(VECTOR_TIMESTAMP);
        byte[] body = VECTOR_PAYLOAD.getBytes(UTF_8);
        String ts = Long.toString(VECTOR_TIMESTAMP);
        assertNull(verifier.verify(VECTOR_ID, ts, VECTOR_SIGNATURE, body, then));
        assertNull(verifier.verify(VECTOR_ID, ts, "v2,abc v1,AAAA " + VECTOR_SIGNATURE, body, then.plusSeconds(300)));
        assertEquals("no matching v1 signature",
                verifier.verify(VECTOR_ID, ts, VECTOR_SIGNATURE, "{\"test\": 2432232315}".getBytes(UTF_8), then));
        assertEquals("no matching v1 signature", verifier.verify("msg_other", ts, VECTOR_SIGNATURE, body, then));
        assertEquals("no matching v1 signature",
                verifier.verify(VECTOR_ID, ts, VECTOR_SIGNATURE.replace("v1,", "v1a,"), body, then));
        assertEquals("webhook-timestamp is more than 5 minutes off",
                verifier.verify(VECTOR_ID, ts, VECTOR_SIGNATURE, body, then.plusSeconds(301)));
        assertEquals("webhook-timestamp is more than 5 minutes off",
                verifier.verify(VECTOR_ID, ts, VECTOR_SIGNATURE, body, then.minusSeconds(301)));
    }

    @Test
    void signsTheIdTheTimestampAndTheExactBody() {
        WebhookSigner signer = new WebhookSigner(new Secret(Fixtures.SECRET));
        byte[] body = "{\"a\":1.50}".getBytes(UTF_8);
        String sig = signer.sign("h1", 1_800_000_000L, body);
        assertTrue(sig.matches("v1,[A-Za-z0-9+/]{43}="), sig);
        assertFalse(sig.equals(signer.sign("h2", 1_800_000_000L, body)));
        assertFalse(sig.equals(signer.sign("h1", 1_800_000_001L, body)));
        assertFalse(sig.equals(signer.sign("h1", 1_800_000_000L, "{\"a\":1.5}".getBytes(UTF_8))));
        assertEquals(sig, signer.sign("h1", 1_800_000_000L, body), "deterministic");
        assertNull(new StandardWebhooksVerifier(Fixtures.SECRET).verify("h1", "1800000000", sig, body,
                Instant.ofEpochSecond(1_800_000_000L)));
    }

    @Test
    void refusesAnUnusableSecretWithoutQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WebhookSigner(new Secret("whsec_c2hvcnQ=")));
        assertFalse(e.getMessage().contains("c2hvcnQ"), e.getMessage());
    }

    @Test
    void neverShowsTheKey() {
        WebhookSigner signer = new WebhookSigner(new Secret(Fixtures.SECRET));
        assertFalse(signer.toString().contains(Fixtures.SECRET_KEY_TEXT));
    }
}
