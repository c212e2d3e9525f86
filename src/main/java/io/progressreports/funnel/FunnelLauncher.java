package io.progressreports.funnel;

import io.progressreports.failure.UsageException;
import io.progressreports.launch.FlowLauncher;
import io.progressreports.launch.JobLaunches;
import io.progressreports.run.RequestLauncher;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.SourceIdentity;
import io.progressreports.source.TableName;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.stereotype.Component;

import java.util.List;

/** Checks a request against the source's catalog, then runs (or resumes) the funnel job for it. */
@Component
public class FunnelLauncher extends FlowLauncher<FunnelRequest, FunnelRun> implements RequestLauncher<FunnelRequest> {

    public FunnelLauncher(SourceCatalog catalog, JobLaunches launches, Flow onboardingFunnelFlow) {
        super(catalog, launches, onboardingFunnelFlow);
    }

    @Override
    public FunnelRun resolve(FunnelRequest request) {
        TableName table = catalog.table(request.table());
        FunnelLayout layout = request.layout().resolve(catalog, table);
        List<String> actions = request.actions() == null ? layout.actions(catalog, table) : request.actions();
        layout.checkColumns(catalog, table, actions);
        try {
            var definition = new FunnelDefinition(actions, request.steps(), request.window(),
                    request.order(), request.ages());
            SourceIdentity source = catalog.identity(layout.columnsRead(table, definition.actions()),
                    request.sourceZone());
            return new FunnelRun(request.jobName(), table, layout, definition, source, request.zone(), request.range(),
                    request.asOf(), request.grain(), request.recompute(), request.dropoffs(), request.options());
        } catch (IllegalArgumentException e) {
            throw new UsageException(request.stepsOrigin() == null ? e.getMessage()
                    : request.stepsOrigin() + ": " + e.getMessage());
        }
    }
}
