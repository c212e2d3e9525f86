package io.progressreports.funnel;

import io.progressreports.job.FunnelOrder;
import io.progressreports.launch.RunOptions;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A funnel run as asked for by flags and job file, before its names are checked against the source.
 *
 * @param stepsOrigin where the steps were written, for errors the catalog finds: "jobs/x.yml line 5", or null for
 *                    --steps (the flag names itself)
 * @param layout      how the source stores actions, and the tables and codes that go with it
 * @param sourceZone  where the source's naive timestamps hold wall times
 * @param actions     the job file's actions list: the only action columns read; null for every nullable
 *                    {@code *_at} timestamp column of the table
 * @param alertsOrigin where the alert rules were written, for a rule on a step the funnel does not have: "jobs/x.yml
 *                    line 9"; null without rules
 * @param breakdown   the segment column, checked for its form with its defaults filled in, or null
 */
public record FunnelRequest(String jobName, String table, List<String> steps, String stepsOrigin, Duration window,
                            FunnelOrder order, List<Duration> ages, ZoneId zone, DateRange range, Instant asOf,
                            Grain grain, boolean recompute, boolean dropoffs, RunOptions options,
                            LayoutRequest layout, ZoneId sourceZone, List<String> actions, String alertsOrigin,
                            Breakdown breakdown) {
}
