package org.lienthong.hub.api.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Defensive copies for list components. Not {@link List#copyOf}: that throws on {@code null} elements, and records must
 * accept invalid input so the hub can report every error at once.
 */
final class Lists {

    private Lists() {
    }

    /** An unmodifiable copy of {@code list}, or {@code null} when {@code list} is {@code null}. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
