package io.progressreports.funnel;

import io.progressreports.alert.AlertRule;
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
import java.util.Map;

/** Checks a request against the source's catalog, then runs (or resumes) the funnel job for it. */
@Component
public class FunnelLauncher extends FlowLauncher<FunnelRequest, FunnelRun> implements RequestLauncher<FunnelRequest> {

    public FunnelLauncher(SourceCatalog catalog, JobLaunches launches, Flow onboardingFunnelFlow) {
        super(catalog, launches, onboardingFunnelFlow);
    }

    /** A rule on a step the funnel does not have would never fire: a typo must not pass for a quiet night. */
    private static void checkAlertSteps(FunnelRequest request, FunnelDefinition definition) {
        for (AlertRule rule : request.options().alerting().rules()) {
            if (rule.figure().startsWith(FunnelComparisons.FIGURE)
                    && !definition.stepNames().contains(FunnelAlerts.step(rule))) {
                throw new UsageException(request.alertsOrigin() + ": alert rule '" + rule.text() + "': '"
                        + FunnelAlerts.step(rule) + "' is not a step of the funnel (steps: "
                        + String.join(", ", definition.stepNames().subList(1, definition.stepNames().size())) + ")");
            }
        }
    }

    @Override
    public FunnelRun resolve(FunnelRequest request) {
        TableName table = catalog.table(request.table());
        FunnelLayout layout = request.layout().resolve(catalog, table);
        List<String> actions = request.actions() == null ? layout.actions(catalog, table) : request.actions();
        layout.checkColumns(catalog, table, actions);
        Breakdown breakdown = request.breakdown();
        SegmentColumn segment = breakdown == null ? null : SegmentColumn.resolve(catalog, table, breakdown);
        try {
            var definition = new FunnelDefinition(actions, request.steps(), request.window(),
                    request.order(), request.ages());
            checkAlertSteps(request, definition);
            Map<TableName, List<String>> read = layout.columnsRead(table, definition.actions());
            SourceIdentity source = catalog.identity(segment == null ? read : segment.addRead(table, read),
                    request.sourceZone());
            return new FunnelRun(request.jobName(), table, layout, definition, source, request.zone(), request.range(),
                    request.asOf(), request.grain(), request.recompute(), request.dropoffs(), request.options(),
                    segment, breakdown == null ? 0 : breakdown.top());
        } catch (IllegalArgumentException e) {
            throw new UsageException(request.stepsOrigin() == null ? e.getMessage()
                    : request.stepsOrigin() + ": " + e.getMessage());
        }
    }
}
