package io.progressreports.alert;

import io.progressreports.alert.AlertRule.Direction;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a rule as a user writes it in a job file. */
public final class AlertRules {

    private static final String FIGURE = "(?<figure>conversion to [A-Za-z0-9_]+|[A-Za-z0-9_]+)";
    private static final String NUMBER = "(?<number>\\d+(?:\\.\\d+)?)";
    private static final String DIRECTION = "(?<direction>below|above)";

    private static final Pattern TRAILING_MEDIAN = Pattern.compile(
            FIGURE + " " + DIRECTION + " " + NUMBER + "% of the (?<days>\\d+)-day median");
    private static final Pattern PREVIOUS_MEAN = Pattern.compile(
            FIGURE + " " + NUMBER + " points " + DIRECTION
                    + " the mean of the previous (?<periods>\\d+) (?:cohorts|periods)");
    private static final Pattern LIMIT = Pattern.compile(FIGURE + " " + DIRECTION + " " + NUMBER + "(?<percent>%?)");

    /** The forms {@link #parse} reads, for error messages and --help. */
    public static final String FORMS = "'FIGURE below|above N% of the D-day median', "
            + "'FIGURE N points below|above the mean of the previous K cohorts|periods', 'FIGURE below|above N[%]'";

    private AlertRules() {
    }

    /** @throws IllegalArgumentException naming the forms a rule may take */
    public static AlertRule parse(String text) {
        String rule = text.strip().replaceAll("\\s+", " ");
        Matcher m = TRAILING_MEDIAN.matcher(rule);
        if (m.matches()) {
            int days = positive(m.group("days"), rule);
            return new AlertRule.AgainstTrailingMedian(m.group("figure"), direction(m), number(m) / 100, days, rule);
        }
        m = PREVIOUS_MEAN.matcher(rule);
        if (m.matches()) {
            int periods = positive(m.group("periods"), rule);
            return new AlertRule.AgainstPreviousMean(m.group("figure"), direction(m), number(m), periods, rule);
        }
        m = LIMIT.matcher(rule);
        if (m.matches()) {
            double limit = m.group("percent").isEmpty() ? number(m) : number(m) / 100;
            return new AlertRule.AgainstLimit(m.group("figure"), direction(m), limit, rule);
        }
        throw new IllegalArgumentException("alert rule '" + rule + "' is none of " + FORMS);
    }

    private static Direction direction(Matcher m) {
        return Direction.valueOf(m.group("direction").toUpperCase(Locale.ROOT));
    }

    private static double number(Matcher m) {
        return Double.parseDouble(m.group("number"));
    }

    private static int positive(String count, String rule) {
        int n = Integer.parseInt(count);
        if (n < 1) {
            throw new IllegalArgumentException("alert rule '" + rule + "' needs a count of at least 1");
        }
        return n;
    }
}
