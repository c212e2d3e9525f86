package io.progressreports.cli;

import io.progressreports.launch.RunningExecutions;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The started applications a command launches runs in: one per chunk size, because chunk size is a setting of
 * the application and job files differ. The first one started owns the embedded store, if any (the later ones
 * share its server), so it closes last.
 */
public final class ReportApplications implements AutoCloseable {

    private final SpringSettings settings;
    private final Map<Integer, ConfigurableApplicationContext> started = new LinkedHashMap<>();

    public ReportApplications(SpringSettings settings) {
        this.settings = settings;
    }

    public synchronized ConfigurableApplicationContext forChunkSize(int chunkSize) {
        // The job file's chunk size sits below a flag, REPORTS_CHUNK_SIZE and application.yml.
        return started.computeIfAbsent(chunkSize, n -> settings.copy().fallback("reports.chunk-size", n).start());
    }

    /**
     * Stops the job executions running in these applications at their next chunk boundary and waits for them.
     *
     * @return whether any execution had to be stopped
     */
    boolean stopRunningJobs(Instant deadline) {
        boolean stopped = false;
        for (ConfigurableApplicationContext application : snapshot()) {
            try {
                stopped |= application.getBean(RunningExecutions.class).stopAll(deadline);
            } catch (IllegalStateException e) {
                // Closed by its command in the meantime, its runs over.
            }
        }
        return stopped;
    }

    private synchronized List<ConfigurableApplicationContext> snapshot() {
        return new ArrayList<>(started.values());
    }

    @Override
    public synchronized void close() {
        List<ConfigurableApplicationContext> applications = new ArrayList<>(started.values());
        for (int i = applications.size() - 1; i >= 0; i--) {
            applications.get(i).close();
        }
        started.clear();
    }
}
