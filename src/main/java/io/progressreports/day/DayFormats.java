package io.progressreports.day;

/**
 * The version of what each job's stored day holds. It is part of every day's definition, so days stored in an
 * earlier format are recomputed, never read as if they held what the code now expects. Bump a job's version with
 * any change to what its day aggregate holds or means (a new figure, a counting rule, a histogram setting), in the
 * same commit; a change that leaves the stored numbers exactly as they were needs none.
 */
public final class DayFormats {

    /** funnel_day: namespaces, steps reached, completions by age, early and late actions, rejects, hours. */
    public static final int FUNNEL = 2;
    /**
     * transfer_day: transfers, items, micros, speeds with their exact min and max, untimed, rejects (items_fractional
     * among them), transfer rows by status, per-step durations with their min and max; since 4, the transfers by
     * size bucket and hour of start ({@code cells}); since 5, with their sums by size and by hour beside them; since 6, every step read by kind and outcome
     * ({@code outcomes}), the steps of other kinds without a duration included; since 7, the transfers by hour, items
     * and duration for the ETA fits ({@code eta_points}); since 8, the rest of a deployment
     * after each step kind ({@code deployments}); since 9, that compressed.
     */
    public static final int TRANSFER = 9;

    private DayFormats() {
    }
}
