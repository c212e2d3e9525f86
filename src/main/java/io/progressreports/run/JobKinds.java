package io.progressreports.run;

import io.progressreports.job.JobFile;
import io.progressreports.job.JobFiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registered job kinds, by the {@code kind:} of the job files they run. */
public final class JobKinds {

    private static final List<JobKind<?>> REGISTERED = ServiceLoader.load(JobKind.class,
            JobKind.class.getClassLoader()).stream().<JobKind<?>>map(ServiceLoader.Provider::get).toList();

    private JobKinds() {
    }

    /** The job files in {@code dir}, each read into the record of its registered kind. */
    public static JobFiles files(Path dir) {
        return new JobFiles(dir, fileTypes());
    }

    /** Each kind's record of its job files, by its {@code kind:}. */
    public static Map<String, Class<? extends JobFile>> fileTypes() {
        var types = new LinkedHashMap<String, Class<? extends JobFile>>();
        REGISTERED.forEach(kind -> types.put(kind.name(), kind.fileType()));
        return types;
    }

    /** The kind of a loaded file: the one whose record it was read into, so it takes the file as it is. */
    @SuppressWarnings("unchecked")
    public static JobKind<JobFile> of(JobFile file) {
        return (JobKind<JobFile>) REGISTERED.stream().filter(kind -> kind.fileType().isInstance(file)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no job kind reads " + file.getClass().getName()));
    }

    public static List<String> planKeys() {
        return REGISTERED.stream().map(JobKind::planKey).toList();
    }

    public static List<String> tableKeys() {
        return REGISTERED.stream().flatMap(kind -> kind.tableKeys().stream()).distinct().toList();
    }

    /** Each kind that has flags of its own, by name, with a new instance of them. */
    public static Map<String, Object> runFlags() {
        var flags = new LinkedHashMap<String, Object>();
        REGISTERED.forEach(kind -> {
            Object own = kind.runFlags();
            if (own != null) {
                flags.put(kind.name(), own);
            }
        });
        return flags;
    }
}
