package io.progressreports.job;

import io.progressreports.cli.UsageException;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Checks every value of a job file when it is loaded, so a bad file fails at once (and a scheduled job fails when
 * the scheduler starts, not at 02:30), naming the file, the line and the value. Only action names wait for the
 * source's catalog.
 */
final class JobFileCheck {

    private final Path file;
    private final KeyLines lines;

    JobFileCheck(Path file, KeyLines lines) {
        this.file = file;
        this.lines = lines;
    }

    void check(JobFile job) {
        if (!JobFile.FUNNEL.equals(job.kind()) && !JobFile.TRANSFER_SPEED.equals(job.kind())) {
            throw at("kind", "unknown kind '" + JobFiles.printable(job.kind()) + "' (known: funnel, transfer-speed)");
        }
        if (job.steps() != null) {
            checkSteps(job.steps());
        }
        value("window", job.window(), text -> JobValues.duration("window", text));
        value("grace", job.grace(), text -> JobValues.duration("grace", text));
        value("order", job.order(), text -> JobValues.order("order", text));
        value("grain", job.grain(), text -> JobValues.grain("grain", text));
        value("zone", job.zone(), text -> JobValues.zone("zone", text));
        value("last", job.last(), days -> JobValues.lastDays("last", days));
        value("partition-days", job.partitionDays(), n -> JobValues.atLeastOne("partition-days", n));
        value("chunk-size", job.chunkSize(), n -> JobValues.atLeastOne("chunk-size", n));
        if (job.ages() != null) {
            for (int i = 0; i < job.ages().size(); i++) {
                value("ages[" + i + "]", job.ages().get(i), age -> JobValues.age("ages", String.valueOf(age)));
            }
        }
        if (job.schedule() != null) {
            schedule(job);
        }
    }

    private void schedule(JobFile job) {
        if (job.schedule().cron() == null) {
            throw at("schedule", "schedule needs a cron, e.g. cron: \"30 2 * * *\"");
        }
        value("schedule.zone", job.schedule().zone(), text -> JobValues.zone("schedule.zone", text));
        value("schedule.cron", job, CronSchedule::of);
    }

    private void checkSteps(List<String> steps) {
        if (steps.isEmpty()) {
            throw at("steps", "steps is empty: name at least one action");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < steps.size(); i++) {
            String key = "steps[" + i + "]";
            value(key, steps.get(i), text -> JobValues.stepName("step", text));
            if (!seen.add(steps.get(i))) {
                throw at(key, "step '" + steps.get(i) + "' appears twice in steps");
            }
        }
    }

    /** Parses a value that is present; the parser's error gets the file and line. */
    private <T> void value(String key, T value, Function<T, ?> parse) {
        if (value == null) {
            return;
        }
        try {
            parse.apply(value);
        } catch (UsageException e) {
            throw at(key, e.getMessage());
        }
    }

    private UsageException at(String key, String reason) {
        return new UsageException(file + " line " + lines.line(key) + ": " + reason);
    }
}
