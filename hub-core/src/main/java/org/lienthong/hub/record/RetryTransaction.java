package org.lienthong.hub.record;

/**
 * The transaction must be rolled back and run again in a new one, from the start; thrown inside it, so that the
 * transaction boundary rolls it back. {@link OrderRetry} runs the new attempt; nothing the attempt did survives it, so
 * a retried write is neither lost nor doubled.
 */
public class RetryTransaction extends RuntimeException {

    public RetryTransaction(String why) {
        super(why, null, false, false);
    }
}
