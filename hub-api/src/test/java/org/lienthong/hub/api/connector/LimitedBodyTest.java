package org.lienthong.hub.api.connector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

class LimitedBodyTest {

    /** Records whether the download was cancelled and how much was asked for. */
    static final class Subscription implements Flow.Subscription {
        boolean cancelled;
        long requested;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Test
    void aBodyWithoutADeclaredLengthIsCutOffAtTheLimit() {
        LimitedBody body = new LimitedBody(10, -1);
        Subscription s = new Subscription();
        body.onSubscribe(s);
        body.onNext(List.of(ByteBuffer.wrap("123456".getBytes(UTF_8))));
        assertFalse(s.cancelled);
        body.onNext(List.of(ByteBuffer.wrap("7890a".getBytes(UTF_8))));
        assertTrue(s.cancelled);
        CompletionException e = assertThrows(CompletionException.class,
                () -> body.getBody().toCompletableFuture().join());
        LimitedBody.TooLarge tooLarge = assertInstanceOf(LimitedBody.TooLarge.class, e.getCause());
        assertEquals(-1, tooLarge.declared());
        assertEquals("larger than 10 bytes", tooLarge.getMessage());
    }

    @Test
    void aBodyUpToTheLimitArrivesWhole() {
        LimitedBody small = new LimitedBody(10, 10);
        Subscription s = new Subscription();
        small.onSubscribe(s);
        small.onNext(List.of(ByteBuffer.wrap("12345".getBytes(UTF_8)), ByteBuffer.wrap("67890".getBytes(UTF_8))));
        small.onComplete();
        assertFalse(s.cancelled);
        assertEquals("1234567890", new String(small.getBody().toCompletableFuture().join(), UTF_8));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnyByte() {
        LimitedBody body = new LimitedBody(10, 11);
        Subscription s = new Subscription();
        body.onSubscribe(s);
        assertTrue(s.cancelled);
        assertEquals(0, s.requested);
        CompletionException e = assertThrows(CompletionException.class,
                () -> body.getBody().toCompletableFuture().join());
        assertEquals(11, assertInstanceOf(LimitedBody.TooLarge.class, e.getCause()).declared());
    }
}
