package io.progressreports.launch;

import io.progressreports.source.SourceCatalog;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.parameters.JobParameters;


/**
 * What every kind's launcher does alike: the run it resolves from a request, against the source's catalog, is
 * launched as the job file's job over the kind's flow.
 *
 * @param <R> the kind's request
 * @param <K> the kind's resolved run
 */
public abstract class FlowLauncher<R, K extends FlowLauncher.LaunchedRun> {

    /** A kind's resolved run, as it is launched: its job file, and the job parameters of its n-th attempt. */
    public interface LaunchedRun {

        String jobName();

        JobParameters toJobParameters(long attempt);

        RunOptions options();
    }

    /** What the request's names are checked against. */
    protected final SourceCatalog catalog;
    private final JobLaunches launches;
    private final Flow flow;

    protected FlowLauncher(SourceCatalog catalog, JobLaunches launches, Flow flow) {
        this.catalog = catalog;
        this.launches = launches;
        this.flow = flow;
    }

    /** The run of a request whose every name the source's catalog has. */
    public abstract K resolve(R request);

    /** @return the published report, and the alert rules its run broke */
    public Published launch(R request, String sourceLabel, int chunkSize) {
        K run = resolve(request);
        return launches.publish(run.jobName(), flow, run::toJobParameters, sourceLabel, chunkSize,
                run.options().alerting());
    }
}
