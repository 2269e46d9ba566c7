package org.lienthong.hub.record;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lienthong.hub.error.FieldError;

/**
 * The values of the {@code include} parameter of lists and of the change feed: what they leave out unless a caller asks
 * for it. Today only {@code exercise}, the versions of drills (content {@code "exercise": true},
 * {@code record_version.exercise}). Leaving them out is not hiding them: a get by id, the history, the lineage and the
 * audit export still show them.
 */
@Schema(name = "Include", description = "exercise: also drills (records marked \"exercise\": true; only threats have the field so far)")
public enum Include {
    exercise;

    /** The parameter's name, as a 400 names it. */
    public static final String PARAMETER = "include";
    /** Its description in the contract, the same on lists and on the feed. */
    public static final String DESCRIPTION = "exercise: also drills (records marked \"exercise\": true), which are left"
            + " out by default; a drill is still found by its id";

    /**
     * Whether {@code value} (the parameter as sent, {@code null} when absent) asks for exercises; adds an error naming
     * {@code include} when it is anything but {@code exercise}.
     */
    public static boolean asksForExercise(String value, List<FieldError> errors) {
        if (value == null) {
            return false;
        }
        if (exercise.name().equals(value)) {
            return true;
        }
        errors.add(new FieldError(PARAMETER, "must be " + exercise + ", or left out"));
        return false;
    }
}
