package org.lienthong.hub.connector;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and all of
 * {@code base · 2ⁿ⁻¹}, never more than {@code cap}. The random half spreads the retries of many instances (or many hubs
 * after a shared outage) instead of letting them hit the peer in step.
 */
record Backoff(Duration base, Duration cap) {

    Duration delay(int failures, DoubleSupplier random) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        double full = base.toMillis() * Math.pow(2, Math.min(failures - 1, 40));
        double capped = Math.min(full, cap.toMillis());
        return Duration.ofMillis(Math.round(capped / 2 + random.getAsDouble() * capped / 2));
    }
}
