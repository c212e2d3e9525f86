package io.progressreports.page;

import java.util.Locale;

/** Shares as a page shows them: percentages with two decimals, whatever the JVM's locale. */
public final class Percent {

    private Percent() {
    }

    /** {@code part / whole} as "12.34%", or "n/a" when there is no whole. */
    public static String of(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }
}
