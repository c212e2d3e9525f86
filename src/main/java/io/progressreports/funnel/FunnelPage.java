package io.progressreports.funnel;

import io.progressreports.funnel.FunnelReport.FunnelRow;
import io.progressreports.page.Fact;
import io.progressreports.page.KindPage;
import io.progressreports.page.Percent;
import io.progressreports.report.Cells;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The funnel report's page. Its headline is mature cohorts only: a younger cohort's namespaces are still inside
 * their window, so its conversion can only rise, and mixing it in would understate every rate.
 */
final class FunnelPage {

    private static final List<Fact> GLOSSARY = List.of(
            new Fact("cohort", "the namespaces created in one day, ISO week or month of the report zone; the first "
                    + "and last cohorts are cut at the range's ends"),
            new Fact("step reached", "the step's action is set, at most the window after creation, at or after the "
                    + "previous step in sequential order, and not after the as-of time"),
            new Fact("conversion_from_start", "namespaces that reached the step / namespaces created"),
            new Fact("conversion_from_previous", "namespaces that reached the step / those that reached the one "
                    + "before"),
            new Fact("median_hours_to_step, p90_hours_to_step", "hours from creation to the step, nearest rank, "
                    + "over the namespaces that reached it"),
            new Fact("mature", "the cohort's end plus the window is at or before the as-of time: no later action "
                    + "can change its figures"),
            new Fact("completion_rate", "namespaces that did the action within the age / namespaces created; "
                    + "mature per age"),
            new Fact("data quality", "rows whose actions were moved (before creation), ignored (after as-of) or "
                    + "rejected; nothing is dropped silently"));

    private FunnelPage() {
    }

    static KindPage of(FunnelReport report, Duration window) {
        Map<String, Long> mature = reached(report.funnel(), true);
        Map<String, Long> young = reached(report.funnel(), false);
        long matureCohorts = report.funnel().stream().filter(row -> row.stepNumber() == 1 && row.mature()).count();
        long cohorts = report.funnel().stream().filter(row -> row.stepNumber() == 1).count();
        List<String> steps = report.summary().stream().map(FunnelRow::step).toList();
        long created = total(mature, steps.get(0));
        var headline = new ArrayList<Fact>();
        headline.add(new Fact("namespaces in mature cohorts", String.format(Locale.ROOT, "%,d", created)));
        for (String step : steps.subList(1, steps.size())) {
            headline.add(new Fact("conversion to " + step, Percent.of(total(mature, step), created)));
        }
        long youngCreated = total(young, steps.get(0));
        String note = String.format(Locale.ROOT, "Mature cohorts only: %d of %d cohorts, whose %s-day window has "
                + "passed, so their conversion can no longer change.", matureCohorts, cohorts, Cells.days(window));
        if (youngCreated > 0) {
            note += " The other " + youngCreated + " namespaces, still inside their window, convert so far: "
                    + steps.subList(1, steps.size()).stream()
                    .map(step -> step + " " + Percent.of(total(young, step), youngCreated))
                    .collect(Collectors.joining(", ")) + ".";
        }
        return new KindPage("Onboarding funnel", headline, note, List.of("data_quality.csv"),
                GLOSSARY);
    }

    /** Namespaces that reached each step, summed over the mature (or the young) cohorts. */
    private static Map<String, Long> reached(List<FunnelRow> rows, boolean mature) {
        return rows.stream().filter(row -> row.mature() == mature)
                .collect(Collectors.groupingBy(FunnelRow::step, Collectors.summingLong(FunnelRow::namespaces)));
    }

    private static long total(Map<String, Long> sums, String step) {
        return sums.getOrDefault(step, 0L);
    }
}
