package org.lienthong.hub.api.connector;

import java.time.Duration;

/** What happened to one change passed to {@link SinkConnector#deliver}. */
public sealed interface Delivery {

    /** Delivered (or already there). */
    record Ok() implements Delivery {
    }

    /**
     * Not delivered now; the hub passes it again after at least {@code after} (or its own backoff when {@code null}).
     */
    record RetryLater(String reason, Duration after) implements Delivery {
    }

    /** Will never be accepted as it is: the hub moves it to the dead-letter queue with the reason. */
    record Rejected(String reason) implements Delivery {
    }

    static Delivery ok() {
        return new Ok();
    }
}
