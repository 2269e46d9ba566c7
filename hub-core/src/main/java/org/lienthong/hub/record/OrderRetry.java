package org.lienthong.hub.record;

import java.util.concurrent.Callable;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.jboss.logging.Logger;
import org.lienthong.hub.config.HubMetrics;
import org.lienthong.hub.error.HubException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one place where a transaction that was overtaken runs again.
 *
 * <h2>Why writes are overtaken</h2> The change feed orders versions by the id of the transaction that wrote them (see
 * {@code ChangeFeed}), so the writer of version n+1 of a record must have a larger transaction id than the writer of
 * version n. Holding the record's head lock does not ensure that: PostgreSQL gives a transaction its id at its first
 * write or row lock, and a writer that waits for the head lock has its id already — {@code heap_lock_tuple} assigns it
 * before it waits, and anything the transaction wrote before (another record of a batch, a speculative insert of
 * {@code insert … on conflict}, a dead letter, a queue entry taken) assigned it earlier still. Waiters are not granted
 * the lock in the order of their ids (a waiter that follows the update chain to the new row version competes with one
 * that arrives there directly), so a transaction with a smaller id can get the lock after one with a larger id has
 * written. No order of statements inside one transaction prevents that for a transaction that locks more than one
 * record, so the order is enforced where it can always be checked: {@link RecordStore} compares, right after each head
 * lock is granted, the transaction id of the head's version with ours, and throws {@link RetryTransaction} when the
 * head's is larger, before anything is written for that record.
 *
 * <h2>Why running again is sound</h2> The attempt is rolled back whole, so nothing it wrote remains and the next
 * attempt starts from what is committed. The new transaction is given its id after the overtaking transaction committed
 * (we saw its version), so it can only be overtaken again by a writer that gets the head lock in between; each attempt
 * makes progress for someone, and the attempts are bounded. When they are used up, the caller gets a 503 and may try
 * again; nothing was written.
 */
@ApplicationScoped
public class OrderRetry {

    private static final Logger LOG = Logger.getLogger(OrderRetry.class);

    /** Attempts in all, the first included. */
    public static final int ATTEMPTS = 10;

    @Inject
    HubMetrics metrics;

    /** Runs {@code work} in a new transaction, again in another new one each time it is overtaken. */
    public <T> T inNewTransaction(String what, Callable<T> work) {
        try {
            return attempts(what, () -> QuarkusTransaction.requiringNew().call(work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls {@code attempt} (which begins and ends its own transaction) until it is not overtaken. */
    <T> T attempts(String what, Callable<T> attempt) throws Exception {
        for (int n = 1;; n++) {
            try {
                return attempt.call();
            } catch (RetryTransaction e) {
                metrics.retried(what);
                if (n == ATTEMPTS) {
                    LOG.debugf("%s overtaken %d times, giving up: %s", what, n, e.getMessage());
                    throw new HubException(503, "/problems/busy", "Busy",
                            "the record is being written by many" + " writers at once and this write was overtaken " + n
                                    + " times; nothing was stored," + " send it again");
                }
                LOG.debugf("%s overtaken (attempt %d), running it again: %s", what, n, e.getMessage());
            }
        }
    }

    /**
     * Runs a {@link RetriedWhenOvertaken} method again when it began its own transaction and was overtaken. Ordered
     * before the transaction interceptor (priority 200), so each attempt is a transaction of its own.
     */
    @RetriedWhenOvertaken
    @Interceptor
    @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
    public static class Around {

        @Inject
        OrderRetry retry;

        @Inject
        TransactionManager transactions;

        @AroundInvoke
        Object around(InvocationContext ctx) throws Exception {
            if (joining()) {
                return ctx.proceed();
            }
            return retry.attempts(ctx.getMethod().getDeclaringClass().getSimpleName() + "." + ctx.getMethod().getName(),
                    ctx::proceed);
        }

        private boolean joining() throws SystemException {
            return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
        }
    }
}
