package org.lienthong.it;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling assertions: ask every 20 ms until the answer is there or the time is up. */
final class Await {

    static final Duration POLL = Duration.ofMillis(20);

    private Await() {
    }

    /** Waits until {@code condition} holds. Exceptions count as "not yet" (a hub may be restarting). */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until {@code probe} gives a value and returns it. Exceptions count as "not yet". */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return await(what, timeout, POLL, probe);
    }

    static <T> T await(String what, Duration timeout, Duration every, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what
                        + (last == null ? "" : " (last error: " + last + ")"), last);
            }
            Hub.sleep(every.toMillis());
        }
    }
}
