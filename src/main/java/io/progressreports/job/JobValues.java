package io.progressreports.job;

import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import io.progressreports.report.Grain;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a job file and the flags that override it share, parsed one way for both. Each names what it parses
 * ({@code --window} for a flag, {@code window} for a job file key) and the bad value in its one-line error.
 */
public final class JobValues {

    public static final long MAX_WINDOW_DAYS = 3660;
    public static final int MAX_LAST_DAYS = 36_600;
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,4})([hdw])");
    /** The column {@code <step>_at} must fit PostgreSQL's 63-byte names, so a step has 60 characters at most. */
    private static final Pattern STEP = Pattern.compile("[a-z_][a-z0-9_]{0,59}");
    /**
     * One part of a table name as PostgreSQL reads it: plain, or double-quoted with "" for a quote; PostgreSQL
     * keeps 63 bytes of a name, so a longer one would silently name another table.
     */
    private static final String IDENTIFIER = "(?:[\\p{L}_][\\p{L}\\p{N}_$]{0,62}|\"(?:[^\"\\p{Cntrl}]|\"\"){1,63}\")";
    private static final Pattern TABLE = Pattern.compile(IDENTIFIER + "(?:\\." + IDENTIFIER + ")?");
    /** A column as the catalog spells it (matched exactly, so unquoted, as PostgreSQL folds none here). */
    private static final Pattern COLUMN = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]{0,62}");
    private static final Pattern RATE = Pattern.compile("([0-9]{1,3}(?:\\.[0-9]{1,6})?)(%?)");

    private JobValues() {
    }

    /** A window or grace: whole hours, days or weeks, e.g. 36h, 30d, 2w. */
    public static Duration duration(String name, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(name + " '" + Printable.of(text) + "' is not a duration like 30d, 36h or 2w");
        }
        long n = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (duration.toDays() > MAX_WINDOW_DAYS) {
            throw new UsageException(name + " '" + text + "' is longer than " + MAX_WINDOW_DAYS + " days");
        }
        return duration;
    }

    public static ZoneId zone(String name, String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new UsageException(name + " '" + Printable.of(text)
                    + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
    }

    public static Grain grain(String name, String text) {
        try {
            return Grain.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " '" + Printable.of(text) + "' must be day, week or month");
        }
    }

    public static FunnelOrder order(String name, String text) {
        try {
            return FunnelOrder.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " '" + Printable.of(text) + "' must be sequential or any");
        }
    }

    /** A completion age in whole days. */
    public static Duration age(String name, String days) {
        try {
            int n = Integer.parseInt(days);
            if (n >= 1 && n <= MAX_WINDOW_DAYS) {
                return Duration.ofDays(n);
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new UsageException(name + " '" + Printable.of(days) + "' is not a whole number of days from 1 to "
                + MAX_WINDOW_DAYS);
    }

    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new UsageException(name + " must be at least 1, not " + value);
        }
        return value;
    }

    /**
     * The share of rejected rows above which a run exits 65: a fraction from 0 to 1 ({@code 0.05}) or a percentage
     * from 0% to 100% ({@code 5%}). Both forms, because a job file reads best with one and a person types the other;
     * a bare number above 1 is refused rather than guessed to be a percentage.
     */
    public static BigDecimal rejectRate(String name, String text) {
        Matcher m = text == null ? null : RATE.matcher(text.trim());
        if (m != null && m.matches()) {
            BigDecimal rate = new BigDecimal(m.group(1)).movePointLeft(m.group(2).isEmpty() ? 0 : 2);
            if (rate.compareTo(BigDecimal.ONE) <= 0) {
                return rate;
            }
        }
        throw new UsageException(name + " '" + Printable.of(text) + "' is not a reject rate: a fraction from 0 "
                + "to 1 like 0.05, or a percentage from 0% to 100% like 5%");
    }

    /** How many days a run reports when no range is given. */
    public static int lastDays(String name, int value) {
        if (atLeastOne(name, value) > MAX_LAST_DAYS) {
            throw new UsageException(name + " " + value + " is more than " + MAX_LAST_DAYS + " days");
        }
        return value;
    }

    /**
     * A source table as a flag or job file names it: {@code name} or {@code schema.name}. Checked for its form
     * before any connection, so that text which is not a name (a statement, a control character) never reaches
     * the database, not even as a parameter of the catalog lookup that checks it exists.
     */
    public static String tableName(String name, String text) {
        if (text == null || !TABLE.matcher(text).matches()) {
            throw new UsageException(name + " '" + Printable.of(text) + "' is not a table name (name or "
                    + "schema.name, e.g. onboarding_progresses; other characters in double quotes, as in SQL)");
        }
        return text;
    }

    /**
     * A column as a flag or job file names it, checked for its form before any connection, as {@link #tableName}.
     */
    public static String columnName(String name, String text) {
        if (text == null || !COLUMN.matcher(text).matches()) {
            throw new UsageException(name + " '" + Printable.of(text) + "' is not a column name (letters, digits, _"
                    + " and $, not starting with a digit, at most 63)");
        }
        return text;
    }

    /** A funnel step as a job file names it: an action, the column {@code <step>_at} without the suffix. */
    public static String stepName(String name, String text) {
        if (text == null || !STEP.matcher(text).matches()) {
            throw new UsageException(name + " '" + Printable.of(text) + "' is not an action name (lower-case "
                    + "letters, digits and _, not starting with a digit, at most 60)");
        }
        return text;
    }
}
