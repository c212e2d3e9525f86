package io.progressreports.funnel;

import io.progressreports.page.Fact;
import io.progressreports.page.KindPage;
import io.progressreports.page.Percent;
import io.progressreports.report.Cells;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
            new Fact("partial", "the range cuts the cohort (fewer days than its week or month), so its size does "
                    + "not compare with its neighbours'; hollow points and lighter bars on the charts"),
            new Fact("completion_rate", "namespaces that did the action within the age / namespaces created; "
                    + "mature per age"),
            new Fact("data quality", "rows whose actions were moved (before creation), ignored (after as-of) or "
                    + "rejected; nothing is dropped silently"));

    private FunnelPage() {
    }

    static KindPage of(FunnelReport report, Duration window) {
        MatureFunnel funnel = MatureFunnel.of(report);
        List<String> steps = funnel.steps();
        long created = funnel.mature().get(0);
        var headline = new ArrayList<Fact>();
        headline.add(new Fact("namespaces in mature cohorts", String.format(Locale.ROOT, "%,d", created)));
        for (int step = 1; step < steps.size(); step++) {
            headline.add(new Fact("conversion to " + steps.get(step), Percent.of(funnel.mature().get(step), created)));
        }
        long youngCreated = funnel.immature().get(0);
        String note = String.format(Locale.ROOT, "Mature cohorts only: %d of %d cohorts, whose %s-day window has "
                + "passed, so their conversion can no longer change.", funnel.matureCohorts().size(),
                funnel.cohorts(), Cells.days(window));
        if (youngCreated > 0) {
            note += " The other " + youngCreated + " namespaces, still inside their window, convert so far: "
                    + IntStream.range(1, steps.size())
                    .mapToObj(step -> steps.get(step) + " " + Percent.of(funnel.immature().get(step), youngCreated))
                    .collect(Collectors.joining(", ")) + ".";
        }
        return new KindPage("Onboarding funnel", headline, note, List.of("data_quality.csv"),
                GLOSSARY);
    }
}
