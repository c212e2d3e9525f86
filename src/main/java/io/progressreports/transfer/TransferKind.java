package io.progressreports.transfer;

import io.progressreports.failure.UsageException;
import io.progressreports.job.JobValues;
import io.progressreports.run.JobKind;
import io.progressreports.run.ReportRun;
import io.progressreports.run.RequestRun;
import io.progressreports.run.RunOverrides;
import io.progressreports.run.RunRequests;
import io.progressreports.source.TableNeeds;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Job files of kind transfer-speed: transfer speeds and step durations, run as the transferSpeed job. */
public final class TransferKind implements JobKind<TransferJobFile> {

    private static final String STEPS_TABLE = "deployment_steps";
    private static final String TIMINGS_TABLE = "deployment_step_timings";

    @Override
    public String name() {
        return "transfer-speed";
    }

    @Override
    public Class<TransferJobFile> fileType() {
        return TransferJobFile.class;
    }

    @Override
    public ReportRun prepare(String job, TransferJobFile file, RunOverrides flags, RunRequests requests) {
        TransferRequest asked = request(job, file, flags, "", requests);
        String overrides = RunRequests.overrides(definition(asked),
                definition(request(job, file, flags.ownDefinition(true), "", requests)), flags, asked.range(),
                asked.zone(), asked.asOf());
        return new RequestRun<>(job, file.chunkSize(), request(job, file, flags, overrides, requests),
                TransferLauncher.class);
    }

    private static Map<String, String> definition(TransferRequest request) {
        return RunRequests.common(request.zone(), request.grain());
    }

    private TransferRequest request(String job, TransferJobFile file, RunOverrides flags, String overrides,
                                    RunRequests requests) {
        RunOverrides.Funnel funnel = flags.funnel();
        for (var funnelOnly : new Object[][] {{"--steps", funnel.steps()}, {"--window", funnel.window()},
                {"--order", funnel.order()}, {"--ages", funnel.ages()}, {"--table", funnel.table()},
                {"--dropoffs", funnel.dropoffs() ? "" : null}}) {
            if (funnelOnly[1] != null) {
                throw new UsageException(funnelOnly[0] + " applies to funnel jobs only, and " + job + " is a "
                        + name() + " job");
            }
        }
        ZoneId zone = RunRequests.zone(file, flags.calendar());
        Instant asOf = requests.asOf(flags.calendar(), zone);
        return new TransferRequest(job, RunRequests.pick(null, file.stepsTable(), STEPS_TABLE),
                RunRequests.pick(null, file.timingsTable(), TIMINGS_TABLE),
                JobValues.duration("grace", RunRequests.pick(null, file.grace(), "1d")), zone,
                RunRequests.range(file, flags.range(), asOf, zone), asOf,
                JobValues.grain("--grain", RunRequests.pick(flags.calendar().grain(), file.grain(), "day")),
                flags.work().recompute(), RunRequests.options(file, flags, overrides),
                RunRequests.sourceZone(file, flags.work()),
                TransferStatuses.of(file.statuses() == null ? TransferStatuses.DEFAULT : file.statuses()));
    }

    @Override
    public List<TableNeeds> tableNeeds(TransferJobFile file) {
        return List.of(
                new TableNeeds(Objects.requireNonNullElse(file.stepsTable(), STEPS_TABLE),
                        TransferLauncher.STEP_COLUMNS, List.of(), false, TransferLauncher.STEPS_INDEX_COLUMN),
                new TableNeeds(Objects.requireNonNullElse(file.timingsTable(), TIMINGS_TABLE),
                        TransferLauncher.TIMING_COLUMNS, List.of(), false, TransferLauncher.TIMINGS_INDEX_COLUMN));
    }

    @Override
    public List<String> warnings(TransferJobFile file) {
        return List.of();
    }

    @Override
    public String planKey() {
        return TransferJobConfiguration.PLAN;
    }
}
