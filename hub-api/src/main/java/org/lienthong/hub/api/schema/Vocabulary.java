package org.lienthong.hub.api.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The enums of this package as sets of wire values, for code that checks, stores or lists values as text (validation,
 * SQL, query parameters, configuration, error messages) instead of binding them to the enums. A wire value is the
 * constant's {@link Enum#toString()} (see the package documentation), so {@code Classification.public_} is
 * {@code "public"}. Use these instead of writing a vocabulary out again: a value added to an enum then reaches every
 * check.
 */
public final class Vocabulary {

    private Vocabulary() {
    }

    /**
     * The wire values of an enum, in declaration order: {@code wireValues(Classification.class)} is
     * {@code [public, internal, restricted, secret]}.
     *
     * @return an unmodifiable list
     */
    public static <E extends Enum<E>> List<String> wireValues(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            out.add(constant.toString());
        }
        return List.copyOf(out);
    }

    /**
     * The constant whose wire value is {@code value}, compared exactly (case included); empty for {@code null} and for
     * any other text. {@code fromWireValue(Classification.class, "public")} is {@code Classification.public_};
     * {@code "public_"} gives nothing.
     */
    public static <E extends Enum<E>> Optional<E> fromWireValue(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code value} is a wire value of {@code type}; {@code false} for {@code null}. */
    public static <E extends Enum<E>> boolean isWireValue(Class<E> type, String value) {
        return fromWireValue(type, value).isPresent();
    }

    /**
     * The wire values in declaration order as English alternatives, for messages: {@code "threat, incident or
     * resource"}.
     */
    public static <E extends Enum<E>> String alternatives(Class<E> type) {
        List<String> values = wireValues(Objects.requireNonNull(type, "type"));
        if (values.size() < 2) {
            return String.join("", values);
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }
}
