package org.lienthong.hub.feed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lienthong.hub.api.schema.RecordKind;
import org.lienthong.hub.api.schema.Vocabulary;
import org.lienthong.hub.error.FieldError;
import org.lienthong.hub.error.HubException;
import org.lienthong.hub.record.Include;

/**
 * The query of {@code GET /api/v1/changes}, checked: every bad parameter is named in one 400.
 *
 * @param after
 *            read the changes after this position
 * @param kinds
 *            the record kinds to return
 * @param limit
 *            at most this many changes
 * @param waitSeconds
 *            how long to wait for a change when there is none yet
 * @param includeExercise
 *            whether exercise versions (drills) are returned too; by default they are skipped like the changes the
 *            caller may not see
 */
public record FeedRequest(ChangeCursor after, List<String> kinds, int limit, int waitSeconds, boolean includeExercise) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_WAIT = 30;
    static final List<String> KINDS = Vocabulary.wireValues(RecordKind.class);

    /**
     * Reads the parameters as sent. {@code kinds} may come as one comma-separated value ({@code kinds=threat,incident},
     * the form the contract documents) or repeated ({@code kinds=threat&kinds=incident}, what some clients send for an
     * array); both mean the same.
     */
    public static FeedRequest parse(String after, String limit, List<String> kinds, String wait, String include) {
        List<FieldError> errors = new ArrayList<>();
        ChangeCursor cursor = ChangeCursor.START;
        if (after != null) {
            cursor = ChangeCursor.decode(after);
            if (cursor == null) {
                errors.add(new FieldError("after", "is not a cursor this hub issued; use the 'next' of a page"));
            }
        }
        int n = number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT, errors);
        int waitSeconds = number("wait", wait, 0, MAX_WAIT, 0, errors);
        List<String> chosen = KINDS;
        if (kinds != null && !kinds.isEmpty()) {
            Set<String> set = new LinkedHashSet<>();
            outer: for (String value : kinds) {
                for (String k : value.split(",", -1)) {
                    if (!KINDS.contains(k.strip())) {
                        errors.add(new FieldError("kinds",
                                "must be a comma-separated list of " + Vocabulary.alternatives(RecordKind.class)));
                        break outer;
                    }
                    set.add(k.strip());
                }
            }
            chosen = List.copyOf(set);
        }
        boolean exercise = Include.asksForExercise(include, errors);
        if (!errors.isEmpty()) {
            throw HubException.invalid(errors);
        }
        return new FeedRequest(cursor, chosen, n, waitSeconds, exercise);
    }

    private static int number(String name, String value, int min, int max, int fallback, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
