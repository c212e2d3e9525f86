package io.progressreports.transfer;

import io.progressreports.job.JobValues;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.run.Asked;
import io.progressreports.run.JobKind;
import io.progressreports.run.KindFlags;
import io.progressreports.run.ReportRun;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import io.progressreports.source.TableNeeds;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Job files of kind transfer-speed: transfer speeds and step durations, each file run as a job of its name over the
 * transferSpeed flow.
 */
public final class TransferKind implements JobKind<TransferJobFile> {

    private static final String STEPS_TABLE = "deployment_steps";
    private static final String TIMINGS_TABLE = "deployment_step_timings";

    @Override
    public Class<TransferJobFile> fileType() {
        return TransferJobFile.class;
    }

    @Override
    public ReportRun prepare(String job, TransferJobFile file, RunOverrides flags, RunRequests requests) {
        return RunRequests.run(job, file, flags, ask(job, file, flags, requests),
                ask(job, file, flags.ownDefinition(KindFlags.NONE), requests).definition(), TransferLauncher.class);
    }

    /** What file and flags ask for; a transfer-speed job counts what its file says, but for zone and grain. */
    private Asked<TransferRequest> ask(String job, TransferJobFile file, RunOverrides flags,
                                       RunRequests requests) {
        ZoneId zone = RunRequests.zone(file, flags.calendar());
        Instant asOf = requests.asOf(flags.calendar(), zone);
        String stepsTable = RunRequests.pick(null, file.stepsTable(), STEPS_TABLE);
        String timingsTable = RunRequests.pick(null, file.timingsTable(), TIMINGS_TABLE);
        Duration grace = JobValues.duration("grace", RunRequests.pick(null, file.grace(), "1d"));
        DateRange range = RunRequests.range(file, flags.range(), asOf, zone);
        Grain grain = JobValues.grain("--grain", RunRequests.pick(flags.calendar().grain(), file.grain(), "day"));
        ZoneId sourceZone = RunRequests.sourceZone(file, flags.work());
        TransferStatuses statuses = TransferStatuses.of(file.statuses() == null ? TransferStatuses.DEFAULT
                : file.statuses());
        return new Asked<>(RunRequests.common(zone, grain), range, zone, asOf, options -> new TransferRequest(job,
                stepsTable, timingsTable, grace, zone, range, asOf, grain, flags.work().recompute(), options,
                sourceZone, statuses));
    }

    @Override
    public List<TableNeeds> tableNeeds(TransferJobFile file) {
        return List.of(TableNeeds.of(Objects.requireNonNullElse(file.stepsTable(), STEPS_TABLE),
                        TransferLauncher.STEP_COLUMNS, TransferLauncher.STEPS_INDEX_COLUMN,
                        TransferLauncher.STEPS_DEPLOYMENT_COLUMN),
                TableNeeds.of(Objects.requireNonNullElse(file.timingsTable(), TIMINGS_TABLE),
                        TransferLauncher.TIMING_COLUMNS, TransferLauncher.TIMINGS_INDEX_COLUMN));
    }

    @Override
    public List<String> warnings(TransferJobFile file) {
        return List.of();
    }

    @Override
    public String planKey() {
        return TransferJobConfiguration.PLAN;
    }

    @Override
    public List<String> tableKeys() {
        return List.of("steps_table", "timings_table");
    }
}
