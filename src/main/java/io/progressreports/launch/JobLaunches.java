package io.progressreports.launch;

import io.progressreports.alert.Alert;
import io.progressreports.alert.Alerting;
import io.progressreports.alert.BrokenRules;
import io.progressreports.alert.RunAlerts;
import io.progressreports.alert.Webhook;
import io.progressreports.day.DaySteps;
import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.JobFailedException;
import io.progressreports.failure.RunLockedException;
import io.progressreports.failure.SourceConnectionException;
import io.progressreports.failure.SourcePermissionException;
import io.progressreports.failure.SourceQueryException;
import io.progressreports.failure.SourceUnavailableException;
import io.progressreports.failure.TooManyRejectsException;
import io.progressreports.report.ReportPublisher;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.store.RunLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import javax.sql.DataSource;

/**
 * Starts a job, or resumes it: the same command after a failure restarts the failed instance (finished
 * partitions are not redone); after a success it starts a fresh instance, which reuses the stored days. A run
 * that loses its source mid-read is resumed the same way, in the same process, a few times.
 */
@Component
public class JobLaunches {

    private static final Logger log = LoggerFactory.getLogger(JobLaunches.class);
    /** Waits before each restart of a run that lost its source: about 7 s in all, for a failover or a restart. */
    private static final List<Duration> RETRY_WAITS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4));

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final DataSource store;
    private final RunOutcomes outcomes;
    private final RunningExecutions running;
    private final Duration readTimeout;
    private final Environment environment;
    private final Duration webhookTimeout;

    public JobLaunches(JobOperator jobOperator, JobRepository jobRepository, DataSource storeDataSource,
                       RunOutcomes outcomes, RunningExecutions running, ReportsProperties properties,
                       Environment environment) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.store = storeDataSource;
        this.outcomes = outcomes;
        this.running = running;
        this.readTimeout = properties.source().readTimeout();
        // Where the webhook's URL may come from (webhook-env).
        this.environment = environment;
        this.webhookTimeout = properties.alertWebhookTimeout();
    }

    /**
     * Runs the kind's flow as the job of the job file {@code name}, holding that name's run lock throughout. The
     * Spring Batch job is named after the job file, so that its runs are that job's instances (restarts, history).
     * An execution that lost its source connection is restarted after each of {@link #RETRY_WAITS}; each restart
     * redoes only the failed partitions, from their last committed chunks, as a rerun of the command would.
     *
     * @param parameters the job parameters of the n-th identical request (n from 1)
     * @return the completed execution: its report is published, though it may be over its max-reject-rate or
     *         have broken alert rules (see {@link #publish})
     */
    public JobExecution launch(String name, Flow flow, LongFunction<JobParameters> parameters) {
        Job job = new JobBuilder(name, jobRepository).start(flow).end().build();
        try (RunLock lock = RunLock.acquire(store, name)) {
            JobExecution execution = startOrResume(flow, job, parameters);
            for (int retry = 1; retry <= RETRY_WAITS.size() && lostSource(execution); retry++) {
                outcomes.record(execution);
                Duration wait = RETRY_WAITS.get(retry - 1);
                log.warn("{}: execution {} lost its source connection ({}); restarting it from its last committed "
                        + "chunk in {} s (retry {} of {})", name, execution.getId(), ExitCodes.message(
                        JobFailedException.cause(execution)), wait.toSeconds(), retry, RETRY_WAITS.size());
                Thread.sleep(wait.toMillis());
                execution = startOrResume(flow, job, parameters);
            }
            outcomes.record(execution);
            RuntimeException refused = sourceRefused(execution);
            if (refused != null) {
                throw refused;
            }
            if (lostSource(execution)) {
                throw new SourceUnavailableException("source " + execution.getJobParameters().getString(
                        "source", "") + " unreachable, " + RETRY_WAITS.size() + " restarts failed: "
                        + ExitCodes.message(JobFailedException.cause(execution))
                        + " (the same command resumes the run)", new JobFailedException(flow.getName(), execution));
            }
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new JobFailedException(flow.getName(), execution);
            }
            return execution;
        } catch (JobFailedException | RunLockedException | SourceUnavailableException | SourcePermissionException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to restart " + flow.getName(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + flow.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Only the source's connection failures: a store that fails cannot be trusted to record a restart. A source
     * that sent nothing for the read timeout is not retried either: it would hold the run lock that much longer.
     */
    private static boolean lostSource(JobExecution execution) {
        return sourceFailure(execution, SourceConnectionException.class) instanceof SourceConnectionException lost
                && !lost.timedOut();
    }

    /**
     * A failure the source's owner must mend, or that waiting will not mend, in one line naming the source and
     * what the run read; null for any other outcome.
     */
    private RuntimeException sourceRefused(JobExecution execution) {
        String source = "source " + execution.getJobParameters().getString("source", "");
        Throwable cause = JobFailedException.cause(execution);
        if (sourceFailure(execution, SourceConnectionException.class) instanceof SourceConnectionException lost
                && lost.timedOut()) {
            return new SourceUnavailableException(source + " sent nothing for " + readable(readTimeout)
                    + " while reading " + lost.tables() + " (the read timeout, --source-read-timeout); the same "
                    + "command resumes the run", cause);
        }
        if (sourceFailure(execution, SourceQueryException.class) instanceof SourceQueryException query) {
            if (query.permissionDenied()) {
                return new SourcePermissionException(source + " refused to read " + query.tables() + ": "
                        + query.reason() + " (the source role needs SELECT on " + query.tables()
                        + "; the same command resumes the run)", cause);
            }
            if (query.canceled()) {
                return new SourceUnavailableException(source + " canceled the read of " + query.tables() + ": "
                        + query.reason() + " (the role's statement_timeout or an administrator; the same command "
                        + "resumes the run)", cause);
            }
        }
        return null;
    }

    private static Throwable sourceFailure(JobExecution execution, Class<? extends Throwable> type) {
        if (execution.getStatus() != BatchStatus.FAILED) {
            return null;
        }
        for (Throwable t = JobFailedException.cause(execution); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** 10m, 45s, 1h30m: as the flag takes it. */
    private static String readable(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private JobExecution startOrResume(Flow flow, Job job, LongFunction<JobParameters> parameters)
            throws Exception {
        for (long attempt = 1; ; attempt++) {
            JobParameters candidate = parameters.apply(attempt);
            JobExecution last = jobRepository.getLastJobExecution(job.getName(), candidate);
            if (last == null) {
                return running.track(flow.getName(), job.getName(), candidate, () -> jobOperator.start(job, candidate));
            }
            if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
                continue;
            }
            if (last.getStatus().isRunning()) {
                // Left STARTED by a process that died: mark it failed so it can be restarted.
                jobOperator.recover(last);
            }
            // FAILED or STOPPED (by SIGTERM): starting the instance again restarts it where it left off, with this
            // command's non-identifying parameters (output folder, BOM), so a run that failed on an unwritable
            // folder can be pointed at another one.
            return running.track(flow.getName(), job.getName(), candidate, () -> jobOperator.start(job, candidate));
        }
    }

    /**
     * Runs the job for the report job {@code name} as {@link #launch} does, each attempt's parameters with the
     * settings of the application that launches it (see {@link #withSettings}). Once the run lock is released,
     * logs each alert the run raised and POSTs them to the webhook, if any: neither a broken rule nor a webhook
     * that fails or hangs fails the run.
     *
     * @param alerting the run's rules and webhook, which only this process has
     * @throws TooManyRejectsException when the run completed (its report is published) over its max-reject-rate
     */
    public Published publish(String name, Flow flow, LongFunction<JobParameters> parameters, String sourceLabel,
                             int chunkSize, Alerting alerting) {
        JobExecution execution = launch(name, flow,
                attempt -> withSettings(parameters.apply(attempt), sourceLabel, chunkSize));
        var published = new Published(Path.of(execution.getExecutionContext().getString(ReportPublisher.PUBLISHED)),
                BrokenRules.from(execution.getExecutionContext()));
        announce(name, published, alerting);
        RejectRate.exceeded(execution.getExecutionContext()).ifPresent(verdict -> {
            throw new TooManyRejectsException(verdict);
        });
        return published;
    }

    private void announce(String name, Published published, Alerting alerting) {
        for (Alert alert : published.alerts()) {
            log.warn("ALERT {}: {}", name, RunAlerts.describe(alert));
        }
        if (published.alerts().isEmpty() || !alerting.hasWebhook()) {
            return;
        }
        Optional<Webhook> webhook;
        try {
            webhook = alerting.webhook(environment::getProperty).map(hook -> hook.withTimeout(webhookTimeout));
        } catch (IllegalArgumentException e) {
            log.warn("{}: alerts not posted: {}", name, e.getMessage());
            return;
        }
        if (webhook.isEmpty()) {
            log.warn("{}: alerts not posted: environment variable {} is not set", name, alerting.webhookEnv());
            return;
        }
        Webhook.Delivery delivery = webhook.get().post(BrokenRules.body(name, published.folder(),
                published.alerts()));
        if (delivery instanceof Webhook.Delivery.Failed failed) {
            log.warn("{}: alerts not posted: the webhook {}; the report is published", name, failed.reason());
        } else if (delivery instanceof Webhook.Delivery.Delivered delivered) {
            log.info("{}: alerts posted to the webhook (HTTP {})", name, delivered.status());
        }
    }

    /**
     * With the settings of the application that launches the run, not identifying: the source it reads (without a
     * password), and the rows per chunk.
     */
    public static JobParameters withSettings(JobParameters parameters, String sourceLabel, int chunkSize) {
        return new JobParametersBuilder(parameters)
                .addString("source", sourceLabel, false)
                .addLong(DaySteps.CHUNK_SIZE, (long) chunkSize, false)
                .toJobParameters();
    }
}
