package io.progressreports.day;

import io.progressreports.report.DateRange;
import io.progressreports.source.SourceIdentity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a kind's run tells its stored days and their plan: whose days they are, of which definition, over which
 * range as of when, and which of them are final.
 */
public interface DayRun {

    /** The job file's name: the days of one job are apart from another's. */
    String jobName();

    String definitionId();

    String definitionJson();

    /** The source the days were read from: part of their definition. */
    SourceIdentity source();

    DateRange range();

    /** The report's zone, whose calendar days are the stored days. */
    ZoneId zone();

    Instant asOf();

    /** Whether the run computes every day of its range again, stored or not. */
    boolean recompute();

    /** Days per partition at most. */
    int partitionDays();

    /** Whether no later row can change the day any more, as of this run. */
    boolean isFinal(LocalDate day);

    /** The last day that can hold a row by as-of: the day of as-of, within the range. */
    default LocalDate lastDay() {
        LocalDate asOfDay = asOf().atZone(zone()).toLocalDate();
        return asOfDay.isBefore(range().to()) ? asOfDay : range().to();
    }
}
