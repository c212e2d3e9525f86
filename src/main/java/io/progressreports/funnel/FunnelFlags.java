package io.progressreports.funnel;

import picocli.CommandLine.Option;

/** The flags of {@code run} that say what a funnel counts, and whether to list its drop-offs: funnel jobs only. */
public final class FunnelFlags {

    @Option(names = "--steps", paramLabel = "A,B,C", description = "Funnel steps after 'created': action names "
            + "(columns <action>_at of the table, or names from the job file's action-codes), in order.")
    String steps;

    @Option(names = "--window", paramLabel = "W", description = "Time from creation within which a step counts: Nd, Nh or Nw, e.g. 30d.")
    String window;

    @Option(names = "--order", paramLabel = "ORDER", description = "sequential (each step at or after the previous) or any.")
    String order;

    @Option(names = "--ages", paramLabel = "D,D,..", description = "Ages in whole days for completion_by_age.csv, "
            + "e.g. 1,7,14,30 (the window is always added).")
    String ages;

    @Option(names = "--table", paramLabel = "TABLE", description = "Source table, optionally schema-qualified "
            + "(default: the job file's, else onboarding_progresses, or namespace_onboarding_actions with layout "
            + "action-rows).")
    String table;

    @Option(names = "--breakdown", paramLabel = "SEGMENT", description = "Also give every figure of funnel.csv, "
            + "funnel_summary.csv and completion_by_age.csv per segment: COLUMN of the source table, TABLE.COLUMN "
            + "of a table joined on namespace_id = TABLE.id, or TABLE.COLUMN:KEY=TABLE_KEY; none for no breakdown "
            + "(default: the job file's breakdown). The job file's top N segments keep their name (default 10), the "
            + "rest are (other), NULL is (none).")
    String breakdown;

    @Option(names = "--dropoffs", description = "Also write dropoffs.csv: every namespace that stopped before the last step.")
    boolean dropoffs;

    /**
     * The flags a run's own definition keeps: the steps only when the job file names none (so that a definition
     * can be made at all), and the drop-offs, which do not change what a run counts.
     */
    FunnelFlags own(boolean fileHasSteps) {
        var own = new FunnelFlags();
        own.steps = fileHasSteps ? null : steps;
        own.dropoffs = dropoffs;
        return own;
    }
}
