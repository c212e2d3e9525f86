package io.progressreports.schedule;

import io.progressreports.job.CronSchedule;
import io.progressreports.job.JobFile;
import io.progressreports.job.JobFiles;
import io.progressreports.job.JobValues;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A job file with a schedule.
 *
 * @param reportZone the zone of the job's report days: a run's range ends the day before its start in it
 */
public record ScheduledJob(String name, CronSchedule schedule, ZoneId reportZone) {

    /** Every job file in the folder that has a schedule; loading checks them all, so a bad one fails at start. */
    public static List<ScheduledJob> in(JobFiles jobFiles) {
        var jobs = new ArrayList<ScheduledJob>();
        for (String name : jobFiles.names()) {
            JobFile file = jobFiles.load(name);
            if (file.schedule() != null) {
                jobs.add(new ScheduledJob(name, CronSchedule.of(file), JobValues.zone("zone",
                        file.zone() == null ? "UTC" : file.zone())));
            }
        }
        return jobs;
    }
}
