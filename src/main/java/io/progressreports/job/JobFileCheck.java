package io.progressreports.job;

import io.progressreports.alert.AlertRules;
import io.progressreports.alert.Alerting;
import io.progressreports.alert.RunAlerts;
import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Checks every value of a job file when it is loaded, so a bad file fails at once (and a scheduled job fails when
 * the scheduler starts, not at 02:30), naming the file, the line and the value. The file's kind checks its own
 * keys ({@link JobFile#check}) with {@link #value} and {@link #at}; only names in the source wait for its catalog.
 */
public final class JobFileCheck {

    private final Path file;
    private final KeyLines lines;

    JobFileCheck(Path file, KeyLines lines) {
        this.file = file;
        this.lines = lines;
    }

    void check(JobFile job) {
        job.check(this);
        value("grain", job.grain(), text -> JobValues.grain("grain", text));
        value("zone", job.zone(), text -> JobValues.zone("zone", text));
        value("source-zone", job.sourceZone(), text -> JobValues.zone("source-zone", text));
        value("last", job.last(), days -> JobValues.lastDays("last", days));
        value("partition-days", job.partitionDays(), n -> JobValues.atLeastOne("partition-days", n));
        value("chunk-size", job.chunkSize(), n -> JobValues.atLeastOne("chunk-size", n));
        value("max-reject-rate", job.maxRejectRate(), text -> JobValues.rejectRate("max-reject-rate", text));
        if (job.schedule() != null) {
            schedule(job);
        }
        if (job.alerts() != null) {
            alerts(job);
        }
    }

    /** Each rule must read, and name a figure of the kind in a form it takes; the webhook is never quoted. */
    private void alerts(JobFile job) {
        JobFile.Alerts alerts = job.alerts();
        if (alerts.rules() == null || alerts.rules().isEmpty()) {
            throw at("alerts", "alerts needs rules, e.g. rules: [\"reject_rate above 2%\"]");
        }
        for (int i = 0; i < alerts.rules().size(); i++) {
            String key = "alerts.rules[" + i + "]";
            String text = alerts.rules().get(i);
            if (text == null) {
                throw at(key, key + " is empty");
            }
            try {
                RunAlerts.checkFigure(AlertRules.parse(text), job::checkAlertRule);
            } catch (IllegalArgumentException e) {
                throw at(key, Printable.of(e.getMessage(), 1000));
            }
        }
        if (alerts.webhook() != null) {
            webhook("alerts.webhook", () -> Alerting.checkUrl(alerts.webhook(), "alerts.webhook"));
        }
        if (alerts.webhookEnv() != null) {
            webhook("alerts.webhook-env", () -> Alerting.checkVariable(alerts.webhookEnv()));
        }
    }

    private void webhook(String key, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw at(key, e.getMessage());
        }
    }

    private void schedule(JobFile job) {
        if (job.schedule().cron() == null) {
            throw at("schedule", "schedule needs a cron, e.g. cron: \"30 2 * * *\"");
        }
        value("schedule.zone", job.schedule().zone(), text -> JobValues.zone("schedule.zone", text));
        value("schedule.cron", job, CronSchedule::of);
    }

    /**
     * Parses a value that is present; the parser's error gets the file and line.
     *
     * @param key the value's path in the file, e.g. {@code window}, {@code steps[2]}, {@code schedule.cron}
     */
    public <T> void value(String key, T value, Function<T, ?> parse) {
        if (value == null) {
            return;
        }
        try {
            parse.apply(value);
        } catch (UsageException e) {
            throw at(key, e.getMessage());
        }
    }

    /** The error to throw for the value at {@code key}: "jobs/x.yml line 5: reason". */
    public UsageException at(String key, String reason) {
        return new UsageException(file + " line " + lines.line(key) + ": " + reason);
    }
}
