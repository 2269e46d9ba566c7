package org.lienthong.hub.api.connector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A {@code java.net.http} body of at most {@code limit} bytes, so that a remote system cannot make the hub hold more
 * than that in memory: the download is cancelled, and the body fails with {@link TooLarge}, as soon as the declared
 * {@code Content-Length} or the bytes received pass the limit.
 *
 * <pre>{@code
 * client.sendAsync(request, LimitedBody.handler(10 * 1024 * 1024))
 * }</pre>
 */
public final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body is larger than the limit. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long declared;

        TooLarge(long limit, long declared) {
            super("larger than " + limit + " bytes");
            this.declared = declared;
        }

        /** The {@code Content-Length} the server declared, or -1. */
        public long declared() {
            return declared;
        }
    }

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long limit;
    private final long declared;
    private Flow.Subscription subscription;

    /**
     * @param declared
     *            the response's {@code Content-Length}, or -1 when it has none
     */
    public LimitedBody(long limit, long declared) {
        this.limit = limit;
        this.declared = declared;
    }

    /** A body handler giving every response a {@link LimitedBody} with its declared length. */
    public static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new LimitedBody(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared > limit) {
            s.cancel();
            result.completeExceptionally(new TooLarge(limit, declared));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            if (out.size() + (long) b.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(limit, declared));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
