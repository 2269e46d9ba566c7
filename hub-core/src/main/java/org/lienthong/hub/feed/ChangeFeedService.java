package org.lienthong.hub.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lienthong.hub.access.Access;
import org.lienthong.hub.feed.ChangeFeed.Page;

/** Reading the change feed as a client does: a page at once, or a long-poll until a change arrives. */
@ApplicationScoped
public class ChangeFeedService {

    @Inject
    ChangeFeed feed;

    @Inject
    ChangeSignal signal;

    /**
     * The next page after {@code request.after()} of what {@code access} may see. When there is nothing yet, waits up
     * to {@code request.waitSeconds()} for a commit; a page that comes back empty still moves {@code next} past what
     * was scanned but left out (hidden from the caller, or an exercise it did not ask for). A hub that is shutting down
     * answers at once with what it has: the caller continues from {@code next} on another replica.
     */
    public Page follow(FeedRequest request, Access access) throws InterruptedException {
        long deadline = System.nanoTime() + request.waitSeconds() * 1_000_000_000L;
        ChangeCursor cursor = request.after();
        while (true) {
            long generation = signal.generation();
            Page page = feed.read(cursor, request.kinds(), request.includeExercise(), request.limit(), access);
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (!page.changes().isEmpty() || left <= 0 || signal.draining()) {
                return page;
            }
            cursor = page.next();
            if (!page.more()) { // a window of versions the reader does not get (hidden, other kinds): read on at once
                signal.awaitChangeOrShutdown(generation, Math.min(left, 200));
            }
        }
    }
}
