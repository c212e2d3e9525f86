package io.progressreports.transfer;

import io.progressreports.page.Fact;
import io.progressreports.page.KindPage;
import io.progressreports.page.Percent;
import io.progressreports.report.Cells;
import io.progressreports.transfer.TransferReport.SpeedRow;

import java.util.ArrayList;
import java.util.List;

/** The transfer-speed report's page; its headline is the latest period with transfers, as transfer_speed.csv has it. */
final class TransferPage {

    private static final List<Fact> GLOSSARY = List.of(
            new Fact("transfer", "a transfer_files step with a completed status, on the day of its finished_at in "
                    + "the report zone"),
            new Fact("items_per_second", "the period's sum(items) / sum(seconds): its throughput"),
            new Fact("p50/p90/p99_items_per_second", "percentiles of the transfers' own speeds "
                    + "(completed_items / duration), nearest rank, within 0.1%"),
            new Fact("rejected", "transfers breaking a rule (missing times, non-positive duration, bad item "
                    + "counts), listed with their reason in rejects.csv"),
            new Fact("untimed", "completed transfers without a timing row"),
            new Fact("partial", "the range cuts the period (fewer days than its week or month), so its counts do "
                    + "not compare with its neighbours'; hollow points and lighter bars on the charts"),
            new Fact("failure_rate", "failed / (completed + failed): canceled and running transfers do not count"),
            new Fact("step durations", "finished_at - started_at of every completed step with a positive duration, "
                    + "by step name"),
            new Fact("step_outcomes", "every step of every name by outcome; failure_rate = failed / (completed + "
                    + "failed), abort_rate = canceled / (completed + failed + canceled)"),
            new Fact("remaining seconds", "after a step, the summed durations of the steps that followed it in its "
                    + "deployment (ordered by created_at, then id), over the deployments that ran to their end with "
                    + "every step timed, each on the day of its last finish"),
            new Fact("ETA model (eta_model.json)", "per hour of start, seconds = overhead + items / rate at p50 and "
                    + "p90, by quantile regression over the last 28 days; transfer_eta_fit.csv has the lines per "
                    + "period"),
            new Fact("eta_backtest", "each day's transfers predicted from the 28 days before it (refitted each "
                    + "Monday), by the model and by items / median speed: median and p90 of |predicted - actual| / "
                    + "actual"));

    private TransferPage() {
    }

    static KindPage of(TransferReport report) {
        var headline = new ArrayList<Fact>();
        String note = "No transfers in the range.";
        List<SpeedRow> withTransfers = report.speeds().stream().filter(row -> row.transfers() > 0).toList();
        if (!withTransfers.isEmpty()) {
            SpeedRow latest = withTransfers.get(withTransfers.size() - 1);
            headline.add(new Fact("transfers", Long.toString(latest.transfers())));
            headline.add(new Fact("items_per_second", speed(latest.itemsPerSecond())));
            headline.add(new Fact("p50_items_per_second", speed(latest.p50())));
            headline.add(new Fact("p90_items_per_second", speed(latest.p90())));
            note = "The latest period with transfers, " + latest.period().start() + " to " + latest.period().end()
                    + " (end exclusive), as transfer_speed.csv gives it. Over the whole range: "
                    + report.usedRows() + " transfers, " + Percent.of(report.rejectedRows(), report.transferRows())
                    + " of the completed ones rejected, " + report.untimedRows() + " untimed.";
        }
        DeploymentRest deployments = report.deployments();
        long leftOut = deployments.leftOut().values().stream().mapToLong(Long::longValue).sum();
        note += " Rest of a deployment (deployment_remaining.csv): " + deployments.deployments()
                + " deployments counted, " + leftOut + " left out ("
                + deployments.leftOut().getOrDefault(DeploymentRest.ENDED_OTHERWISE, 0L) + " with a failed, "
                + "canceled or running step, " + deployments.leftOut().getOrDefault(DeploymentRest.UNTIMED_STEPS, 0L)
                + " with a step that ran without a valid timing).";
        return new KindPage("Transfer speed and step durations", headline, note,
                List.of("rejects.csv", "transfer_status.csv", "step_outcomes.csv"), GLOSSARY);
    }

    /** As transfer_speed.csv writes it, so that the page and the file agree to the digit. */
    private static String speed(double itemsPerSecond) {
        return Cells.decimal(itemsPerSecond, TransferReportFiles.SPEED_SCALE);
    }
}
