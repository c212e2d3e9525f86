package io.progressreports.transfer;

import io.progressreports.launch.FlowLauncher;
import io.progressreports.launch.JobLaunches;
import io.progressreports.run.RequestLauncher;
import io.progressreports.source.ColumnType;
import io.progressreports.source.RequiredColumn;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.TableName;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** Checks a request against the source's catalog, then runs (or resumes) the transfer-speed job for it. */
@Component
public class TransferLauncher extends FlowLauncher<TransferRequest, TransferRun>
        implements RequestLauncher<TransferRequest> {

    /** The columns the reader uses, and those an index should lead with so a partition reads only its days. */
    public static final List<RequiredColumn> STEP_COLUMNS = List.of(new RequiredColumn("id", ColumnType.INTEGER),
            new RequiredColumn("step", ColumnType.TEXT), new RequiredColumn("status", ColumnType.TEXT),
            new RequiredColumn("total_items", ColumnType.COUNT), new RequiredColumn("completed_items", ColumnType.COUNT),
            new RequiredColumn("updated_at", ColumnType.TIMESTAMP),
            new RequiredColumn("deployment_id", ColumnType.INTEGER), new RequiredColumn("created_at",
                    ColumnType.TIMESTAMP));
    public static final List<RequiredColumn> TIMING_COLUMNS = List.of(
            new RequiredColumn("deployment_step_id", ColumnType.INTEGER),
            new RequiredColumn("started_at", ColumnType.TIMESTAMP), new RequiredColumn("finished_at",
                    ColumnType.TIMESTAMP));
    public static final String STEPS_INDEX_COLUMN = "updated_at";
    /**
     * The deployments pass looks each deployment's steps up by it (deployment_remaining.csv, eta_model.json's
     * steps); without an index it scans the steps table once a run.
     */
    public static final String STEPS_DEPLOYMENT_COLUMN = "deployment_id";
    public static final String TIMINGS_INDEX_COLUMN = "finished_at";

    public TransferLauncher(SourceCatalog catalog, JobLaunches launches, Flow transferSpeedFlow) {
        super(catalog, launches, transferSpeedFlow);
    }

    @Override
    public TransferRun resolve(TransferRequest request) {
        TableName steps = catalog.table(request.stepsTable());
        TableName timings = catalog.table(request.timingsTable());
        catalog.requireColumnTypes(steps, STEP_COLUMNS);
        catalog.requireColumnTypes(timings, TIMING_COLUMNS);
        var advice = new ArrayList<String>();
        catalog.missingIndex(timings, TIMINGS_INDEX_COLUMN).ifPresent(advice::add);
        Optional<String> stepsAdvice = catalog.missingIndex(steps, STEPS_INDEX_COLUMN);
        stepsAdvice.ifPresent(advice::add);
        var read = new LinkedHashMap<TableName, List<String>>();
        read.put(steps, RequiredColumn.names(STEP_COLUMNS));
        read.put(timings, RequiredColumn.names(TIMING_COLUMNS));
        return new TransferRun(request.jobName(), steps, timings, catalog.identity(read, request.sourceZone()),
                request.zone(), request.range(), request.asOf(),
                request.grain(), request.grace(), request.recompute(), request.options(), advice, request.statuses(),
                stepsAdvice.isPresent());
    }
}
