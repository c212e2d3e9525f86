package io.progressreports.bench;

import io.progressreports.funnel.ActionColumns;
import io.progressreports.funnel.FunnelJobFile;
import io.progressreports.funnel.LayoutRequest;
import io.progressreports.job.JobValues;
import io.progressreports.source.SourceCatalog;
import io.progressreports.source.TableName;
import io.progressreports.transfer.TransferJobConfiguration;
import io.progressreports.transfer.TransferJobFile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The peer the jobs must beat: one query per report file, as an analyst would write it for psql and
 * {@code COPY (...) TO STDOUT WITH (FORMAT csv, HEADER)}, straight from design.md's semantics for the job files'
 * settings (grain, zone, steps, window, order). Exact figures: counts, sums and {@code percentile_disc}.
 *
 * <p>And the floor: a bare {@code count(*)} over the same rows (and join) the job reads, which no report can beat.
 *
 * <p>Values are literals in the text (psql -c has no bind parameters); every one comes from a job file whose names
 * are checked against a plain-identifier pattern here, or from dates and instants this class formats itself.
 */
record SqlBaseline(LocalDate from, LocalDate to, Instant asOf) {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_/+-]+");

    /** One query that writes one report file. */
    record Query(String file, String sql) {
        String copy() {
            return "COPY (" + sql + ") TO STDOUT WITH (FORMAT csv, HEADER)";
        }

        /** As a JDBC reader with binary transfer receives the rows. */
        String binaryCopy() {
            return "COPY (" + sql + ") TO STDOUT WITH (FORMAT binary)";
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // transfer-speed: transfer_speed.csv and step_duration.csv

    List<Query> transferQueries(TransferJobFile job) {
        String grain = plain(Objects.requireNonNullElse(job.grain(), "day"));
        String zone = zone(job.zone());
        return List.of(new Query("transfer_speed.csv", transferSpeed(grain, zone)),
                new Query("step_duration.csv", stepDuration(grain, zone)));
    }

    /**
     * Completed transfer_files steps: untimed without a timing row (day of updated_at); rejected by the first rule
     * they break (day of finished_at, or updated_at when it is null); the rest used, with speed = items / seconds.
     */
    private String transferSpeed(String grain, String zone) {
        return """
                with transfers as (
                    select s.completed_items, extract(epoch from t.finished_at - t.started_at) as seconds,
                           case when t.deployment_step_id is null then 'untimed'
                                when t.finished_at is null or t.started_at is null
                                     or t.finished_at <= t.started_at or s.completed_items is null
                                     or s.completed_items < 0 or s.completed_items > s.total_items then 'rejected'
                                else 'used' end as outcome,
                           %6$s as period_start
                    from deployment_steps s
                    left join deployment_step_timings t on t.deployment_step_id = s.id
                    where s.step = 'transfer_files' and s.status = 'completed'
                      and coalesce(t.finished_at, s.updated_at) >= %3$s
                      and coalesce(t.finished_at, s.updated_at) < %4$s
                      and coalesce(t.finished_at, s.updated_at) <= %5$s
                ),
                per_period as (
                    select period_start,
                           count(*) filter (where outcome = 'used') as transfers,
                           sum(completed_items) filter (where outcome = 'used') as items,
                           sum(seconds) filter (where outcome = 'used') as seconds,
                           percentile_disc(array[0.5, 0.9, 0.99]) within group (order by
                               case when outcome = 'used' then completed_items / seconds end) as p,
                           max(case when outcome = 'used' then completed_items / seconds end) as max_speed,
                           count(*) filter (where outcome = 'rejected') as rejected,
                           count(*) filter (where outcome = 'untimed') as untimed
                    from transfers
                    group by period_start
                ),
                """.formatted(grain, zone, start(from, zone), start(to.plusDays(1), zone), instant(asOf),
                periodOf("coalesce(t.finished_at, s.updated_at)", grain, zone))
                + periods(grain, zone) + """
                select p.period_start, p.period_end, coalesce(a.transfers, 0) as transfers,
                       coalesce(a.items, 0) as items, coalesce(a.seconds, 0) as seconds,
                       a.items / nullif(a.seconds, 0) as items_per_second,
                       a.p[1] as p50_items_per_second, a.p[2] as p90_items_per_second,
                       a.p[3] as p99_items_per_second, a.max_speed as max_items_per_second,
                       coalesce(a.rejected, 0) as rejected, coalesce(a.untimed, 0) as untimed
                from periods p left join per_period a using (period_start)
                order by p.period_start""";
    }

    /** Every completed step with a timing row and a positive duration, by the day it finished. */
    private String stepDuration(String grain, String zone) {
        return """
                with durations as (
                    select s.step, %6$s as period_start,
                           extract(epoch from t.finished_at - t.started_at) as seconds
                    from deployment_step_timings t
                    join deployment_steps s on s.id = t.deployment_step_id
                    where s.status = 'completed' and t.started_at is not null and t.finished_at > t.started_at
                      and t.finished_at >= %3$s and t.finished_at < %4$s and t.finished_at <= %5$s
                ),
                per_step as (
                    select period_start, step, count(*) as steps, sum(seconds) as total_seconds,
                           percentile_disc(array[0.5, 0.9, 0.99]) within group (order by seconds) as p,
                           max(seconds) as max_seconds
                    from durations
                    group by period_start, step
                ),
                """.formatted(grain, zone, start(from, zone), start(to.plusDays(1), zone), instant(asOf),
                periodOf("t.finished_at", grain, zone))
                + periods(grain, zone) + """
                select p.period_start, p.period_end, d.step, d.steps, d.total_seconds, d.p[1] as p50_seconds,
                       d.p[2] as p90_seconds, d.p[3] as p99_seconds, d.max_seconds
                from periods p join per_step d using (period_start)
                order by p.period_start, d.step""";
    }

    /** The rows the transfer job's reader reads: timed steps finished in the range, plus unfinished and untimed transfers. */
    String transferFloor(TransferJobFile job, SourceCatalog catalog) {
        return "select count(*) from (" + transferRows(job, catalog, false) + ") rows_read";
    }

    /**
     * The export floor: the rows the transfer job reads, with its columns and in its order, copied out in binary as
     * its reader receives them, and thrown away. What any tool that reads the rows pays before doing anything.
     */
    Query transferExport(TransferJobFile job, SourceCatalog catalog) {
        return new Query("transfer rows", transferRows(job, catalog, true));
    }

    /** The transfer job's reader query over the whole range, {@code ordered} as it reads it or not. */
    private String transferRows(TransferJobFile job, SourceCatalog catalog, boolean ordered) {
        TableName steps = catalog.table(plain(Objects.requireNonNullElse(job.stepsTable(), "deployment_steps")));
        TableName timings = catalog.table(plain(Objects.requireNonNullElse(job.timingsTable(),
                "deployment_step_timings")));
        String zone = zone(job.zone());
        String lo = start(from, zone);
        String hi = start(to.plusDays(1), zone);
        String at = instant(asOf);
        return bind(ordered ? TransferJobConfiguration.orderedSpanRows(steps, timings)
                : TransferJobConfiguration.spanRows(steps, timings), lo, hi, at, lo, hi, at);
    }

    // ---------------------------------------------------------------------------------------------------------
    // onboarding-funnel: funnel.csv

    /**
     * Per cohort and step: namespaces that reached the step, conversions, and the median and p90 of hours from
     * creation to the step. An action counts if at or before as-of, and at creation if it was earlier; step k is
     * reached when step k-1 was, the action is set and within the window, and (sequential) not before step k-1.
     */
    Query funnelQuery(FunnelJobFile job) {
        List<String> steps = job.steps().stream().map(SqlBaseline::plain).toList();
        String grain = plain(Objects.requireNonNullElse(job.grain(), "week"));
        String zone = zone(job.zone());
        long windowSeconds = JobValues.duration("window", Objects.requireNonNullElse(job.window(), "30d")).toSeconds();
        boolean sequential = !"any".equals(job.order());
        String window = "interval '" + windowSeconds + " seconds'";
        String at = instant(asOf);

        String effective = IntStream.range(0, steps.size())
                .mapToObj(i -> "case when %1$s_at <= %2$s then greatest(%1$s_at, created_at) end as e%3$d"
                        .formatted(steps.get(i), at, i + 1))
                .collect(Collectors.joining(",\n           "));
        var reach = new ArrayList<String>();
        for (int k = 1; k <= steps.size(); k++) {
            String previous = k == 1 ? "c" : "t" + (k - 1);
            // "offset 0" computes each stage once per row; without it PostgreSQL pastes stage k-1's expression into
            // stage k twice, and the last stage's expression doubles with every step.
            reach.add("cross join lateral (select case when %1$s is not null and e%2$d is not null and e%2$d - c <= %3$s%4$s then e%2$d end as t%2$d offset 0) r%2$d"
                    .formatted(previous, k, window, sequential ? " and e" + k + " >= " + previous : ""));
        }
        String times = IntStream.rangeClosed(1, steps.size()).mapToObj(k -> "(" + (k + 1) + ", t" + k + ")")
                .collect(Collectors.joining(", "));
        String names = IntStream.range(0, steps.size()).mapToObj(i -> "(" + (i + 2) + ", '" + steps.get(i) + "')")
                .collect(Collectors.joining(", "));
        String sql = """
                with ns as (
                    select created_at as c,
                           %14$s as cohort,
                           %4$s
                    from onboarding_progresses
                    where created_at >= %5$s and created_at < %6$s and created_at <= %7$s
                ),
                reach as (
                    select * from ns
                    %8$s
                ),
                per_step as (
                    select r.cohort, v.k, count(*) as namespaces,
                           percentile_disc(array[0.5, 0.9]) within group (order by extract(epoch from v.t - r.c) / 3600)
                               as p
                    from reach r cross join lateral (values (1, r.c), %9$s) v(k, t)
                    where v.t is not null
                    group by r.cohort, v.k
                ),
                steps(k, step) as (values (1, 'created'), %10$s),
                cohorts as (
                    select greatest(g::date, %3$s) as cohort_start,
                           least((g + interval '1 %1$s')::date, %11$s) as cohort_end
                    from generate_series(date_trunc('%1$s', %3$s::timestamp), %12$s::timestamp, interval '1 %1$s') g
                    where greatest(g::date, %3$s)::timestamp at time zone %2$s <= %7$s
                ),
                grid as (
                    select co.cohort_start, co.cohort_end, st.k, st.step, coalesce(ps.namespaces, 0) as n,
                           ps.p[1] as p50, ps.p[2] as p90
                    from cohorts co cross join steps st
                    left join per_step ps on ps.cohort = co.cohort_start and ps.k = st.k
                )
                select cohort_start, cohort_end, k as step_number, step, n as namespaces,
                       round(n::numeric / nullif(first_value(n) over w, 0), 4) as conversion_from_start,
                       round(n::numeric / nullif(coalesce(lag(n) over w, n), 0), 4) as conversion_from_previous,
                       p50 as median_hours_to_step, p90 as p90_hours_to_step,
                       cohort_end::timestamp at time zone %2$s + %13$s <= %7$s as mature
                from grid
                window w as (partition by cohort_start order by k)
                order by cohort_start, k""".formatted(grain, zone, date(from), effective,
                start(from, zone), start(to.plusDays(1), zone), at, String.join("\n    ", reach), times, names,
                date(to.plusDays(1)), date(to), window, periodOf("created_at", grain, zone));
        return new Query("funnel.csv", sql);
    }

    /** The rows the funnel job's reader reads: namespaces created in the range, up to as-of. */
    String funnelFloor(FunnelJobFile job) {
        return "select count(*) from " + funnelTable(job) + funnelRange(job);
    }

    /** The export floor of the funnel: its reader's query, every action the catalog finds, copied out in binary. */
    Query funnelExport(FunnelJobFile job, SourceCatalog catalog) {
        TableName table = catalog.table(funnelTable(job));
        String zone = zone(job.zone());
        return new Query("funnel rows", bind(new ActionColumns().spanQuery(table, catalog.actions(table), null),
                start(from, zone), start(to.plusDays(1), zone), instant(asOf)));
    }

    private static String funnelTable(FunnelJobFile job) {
        return plain(Objects.requireNonNullElse(job.table(), LayoutRequest.of(job).defaultTable()));
    }

    private String funnelRange(FunnelJobFile job) {
        String zone = zone(job.zone());
        return " where created_at >= " + start(from, zone) + " and created_at < " + start(to.plusDays(1), zone)
                + " and created_at <= " + instant(asOf);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The periods of the range up to as-of, clipped to it: what the job reports, rows or not. */
    private String periods(String grain, String zone) {
        return """
                periods as (
                    select greatest(g::date, %3$s) as period_start,
                           least((g + interval '1 %1$s')::date, %4$s) as period_end
                    from generate_series(date_trunc('%1$s', %3$s::timestamp), %5$s::timestamp, interval '1 %1$s') g
                    where greatest(g::date, %3$s)::timestamp at time zone %2$s <= %6$s
                )
                """.formatted(grain, zone, date(from), date(to.plusDays(1)), date(to), instant(asOf));
    }

    /** The first day of the period of {@code time} in the zone, clipped to the range. */
    private String periodOf(String time, String grain, String zone) {
        return "greatest(date_trunc('" + grain + "', " + time + " at time zone " + zone + ")::date, " + date(from) + ")";
    }

    /** The reader's SQL with its parameters, in order, as literals: psql -c has no bind parameters. */
    private static String bind(String sql, String... literals) {
        String[] parts = sql.split("\\?", -1);
        if (parts.length != literals.length + 1) {
            throw new IllegalStateException("expected " + literals.length + " parameters in " + sql);
        }
        var bound = new StringBuilder(parts[0]);
        for (int i = 0; i < literals.length; i++) {
            bound.append(literals[i]).append(parts[i + 1]);
        }
        return bound.toString();
    }

    private static String plain(String name) {
        if (!PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }

    private static String zone(String zone) {
        String z = Objects.requireNonNullElse(zone, "UTC");
        if (!ZONE.matcher(z).matches()) {
            throw new IllegalArgumentException("not a time zone name: " + z);
        }
        return "'" + z + "'";
    }

    private static String date(LocalDate day) {
        return "date '" + day + "'";
    }

    private static String instant(Instant instant) {
        return "timestamptz '" + instant + "'";
    }

    /** The start of a day in the zone, as a timestamptz. */
    private static String start(LocalDate day, String zone) {
        return "(" + date(day) + "::timestamp at time zone " + zone + ")";
    }
}
