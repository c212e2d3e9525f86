package io.progressreports.run;

import io.progressreports.job.JobFile;

import java.util.List;
import java.util.ServiceLoader;

/** The registered job kinds, by the {@code kind:} of the job files they run. */
public final class JobKinds {

    private static final List<JobKind> REGISTERED = ServiceLoader.load(JobKind.class, JobKind.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private JobKinds() {
    }

    /** The file's kind, which {@code JobFiles} checked when it loaded the file. */
    public static JobKind of(JobFile file) {
        return REGISTERED.stream().filter(kind -> kind.name().equals(file.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no job kind " + file.kind() + " is registered"));
    }

    public static List<String> planKeys() {
        return REGISTERED.stream().map(JobKind::planKey).toList();
    }
}
