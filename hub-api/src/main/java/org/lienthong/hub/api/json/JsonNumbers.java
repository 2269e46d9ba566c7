package org.lienthong.hub.api.json;

import java.math.BigDecimal;

/**
 * The text of a number in RFC 8785 (JCS) canonical JSON: the IEEE-754 double written as ECMAScript's
 * {@code Number.prototype.toString} writes it (RFC 8785 §3.2.2.3): {@code 4.5}, {@code 100}, {@code 1e+21},
 * {@code 1e-7}, {@code 5e-324}; minus zero is {@code 0}. Shared by hub-core's canonicaliser and audit-verifier's, and
 * pinned by {@code fixtures/jcs} (the RFC's samples and 20 000 numbers that JavaScript itself wrote).
 *
 * <p>
 * Written here, not taken from a library, because the only RFC 8785 library in the registry this project builds from
 * ({@code io.github.erdtman:java-json-canonicalization} 1.1, the reference implementation's Java port) writes subnormal
 * doubles wrongly: {@code 1e-320} comes out as {@code 0.000…0001e-178} ({@code fixtures/jcs/numbers.txt}, line
 * {@code 00000000000007e8}). The digits come from the JDK: since Java 19 {@link Double#toString(double)} gives the
 * shortest decimal that reads back as the same double, choosing the closest one and then the even one, which is the
 * choice ECMAScript prescribes; only the layout is ECMAScript's.
 */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    public static String ecmaScript(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("NaN and infinities are not JSON numbers: " + value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits × 10^n
        StringBuilder out = new StringBuilder(26);
        if (value < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits).repeat('0', n - k);
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").repeat('0', -n).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int e = n - 1;
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }

    /**
     * The shortest decimal that reads back as {@code x} (positive), the closest such, then the even one. The JDK's
     * choice except in one case: where one digit would do, {@link Double#toString(double)} gives two ({@code 4.9E-324}
     * for the smallest double; ECMAScript writes {@code 5e-324}), so a two-digit answer for a subnormal is tried with
     * one digit.
     */
    private static BigDecimal shortest(double x) {
        BigDecimal jdk = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        // for a normal double the closest two-digit decimal is the one-digit one whenever one digit would do (its
        // neighbours are far closer than a tenth of a digit apart); only subnormals, with few bits, can differ
        if (jdk.precision() != 2 || x >= Double.MIN_NORMAL) {
            return jdk;
        }
        BigDecimal exact = new BigDecimal(x);
        BigDecimal best = null;
        for (java.math.RoundingMode mode : new java.math.RoundingMode[] { java.math.RoundingMode.FLOOR,
                java.math.RoundingMode.CEILING }) {
            BigDecimal one = jdk.round(new java.math.MathContext(1, mode));
            if (one.signum() > 0 && Double.parseDouble(one.toString()) == x) {
                int c = best == null ? -1 : one.subtract(exact).abs().compareTo(best.subtract(exact).abs());
                if (c < 0 || (c == 0 && !one.unscaledValue().testBit(0))) {
                    best = one;
                }
            }
        }
        return best == null ? jdk : best.stripTrailingZeros();
    }
}
