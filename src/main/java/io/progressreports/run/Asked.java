package io.progressreports.run;

import io.progressreports.launch.RunOptions;
import io.progressreports.report.DateRange;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;

/**
 * A run as a job file and flags ask for it, from one reading of both: what it counts, by the flag that sets it
 * (its definition, e.g. window=PT720H), the days it reports, and its request once its options are known, for they
 * hold the flags by which that definition differs from the job file's own.
 *
 * @param <R> the kind's request
 */
public record Asked<R>(Map<String, String> definition, DateRange range, ZoneId zone, Instant asOf,
                       Function<RunOptions, R> request) {
}
