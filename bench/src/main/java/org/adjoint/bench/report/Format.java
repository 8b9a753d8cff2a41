package org.adjoint.bench.report;

import java.util.Locale;

/** Number formatting shared by the tables: times with a sensible number of digits. */
final class Format {

    private Format() {
    }

    /** A time in microseconds with 3 significant digits, e.g. {@code 4.41}, {@code 385}, {@code 17100}. */
    static String us(double us) {
        if (Double.isNaN(us)) {
            return "—";
        }
        double a = Math.abs(us);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", us);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", us);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", us);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", us);
        }
        return String.format(Locale.ROOT, "%.3g", us);
    }

    /** {@code mean ± error}, or the mean alone when the error is unknown. */
    static String estimate(Estimate e) {
        return e.hasError() ? us(e.mean()) + " ± " + us(e.error()) : us(e.mean());
    }

    /** A ratio with about three significant digits (two decimals between 0.1 and 10). */
    static String ratio(double r) {
        if (Double.isNaN(r)) {
            return "—";
        }
        if (r >= 100) {
            return String.format(Locale.ROOT, "%.0f", r);
        }
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.1f", r);
        }
        return r < 0.1 ? String.format(Locale.ROOT, "%.3f", r) : String.format(Locale.ROOT, "%.2f", r);
    }
}
