package io.progressreports.run;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.progressreports.job.JobFile;
import io.progressreports.source.TableNeeds;

import java.util.List;

/**
 * A kind of job file ({@code kind: funnel}, {@code kind: transfer-speed}) and all that differs between kinds:
 * the record its files are read into, how flags and file become a run, what {@code check} looks for in the source,
 * and where a run keeps its day plan for {@code history}. Its job and report live in its package. A kind is
 * registered once, in {@code META-INF/services/io.progressreports.run.JobKind}: {@code run} checks its flags before
 * any application starts.
 *
 * @param <F> the record of its job files
 */
public interface JobKind<F extends JobFile> {

    /** The record a job file of this kind is read into: its keys, besides those of every job file. */
    Class<F> fileType();

    /** The job files' {@code kind:}, which their record declares. */
    default String name() {
        return fileType().getAnnotation(JsonTypeName.class).value();
    }

    /** A checked run of job file {@code job}, its flags applied; the generic settings come from {@code requests}. */
    ReportRun prepare(String job, F file, RunOverrides flags, RunRequests requests);

    /** The source tables a run of this file reads, with the defaults {@link #prepare} would take. */
    List<TableNeeds> tableNeeds(F file);

    /** What {@code check} should warn of in a file that loads: settings every run would have to give. */
    List<String> warnings(F file);

    /** The job execution context's key of the run's day plan. */
    String planKey();

    /**
     * The flags of {@code run} that only this kind's jobs take: a new picocli mixin, which {@link #prepare} finds in
     * {@link RunOverrides#kind()}; none by default.
     */
    default Object runFlags() {
        return null;
    }

    /** The keys of a run's definition that name the source tables it reads, as {@code history} shows them. */
    List<String> tableKeys();
}
