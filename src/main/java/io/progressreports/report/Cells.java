package io.progressreports.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * CSV cell text as design.md fixes it: '.' decimals, no grouping, no scientific notation, empty for undefined
 * numbers, and text that a spreadsheet would run as a formula neutralised (OWASP CSV injection).
 */
public final class Cells {

    private Cells() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + value : value;
    }

    public static String decimal(double value, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    public static String days(Duration duration) {
        return BigDecimal.valueOf(duration.toSeconds()).divide(BigDecimal.valueOf(86_400))
                .stripTrailingZeros().toPlainString();
    }
}
