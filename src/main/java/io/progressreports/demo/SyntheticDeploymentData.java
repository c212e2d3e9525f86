package io.progressreports.demo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Fills deployments, deployment_steps and deployment_step_timings with made-up deployments, set-based inside
 * PostgreSQL. Each deployment runs preparing, building, transfer_files and finishing one after another.
 *
 * <ul>
 *   <li>Deployments: about {@code deploymentsPerDay} a weekday on the {@code days} UTC days before the day of
 *   {@code now} (weekends at 40%, +/-15% a day), at any time of day.</li>
 *   <li>Durations: preparing ~5 s, building ~90 s, finishing ~3 s (log-normal); transfer_files moves 5 to 30,000
 *   items (log-uniform) at ~300 items/s, 30% slower from 13:00 to 19:00 UTC, 20% faster at the end of the period
 *   than at its start, and varying per deployment (log-normal).</li>
 *   <li>1.5% of deployments fail at a random step; their later steps never exist.</li>
 *   <li>Timings exist only from the cut-over, a fifth of the way into the period: older deployments have none.</li>
 *   <li>Bad rows, 0.1% of timed transfer steps each: started_at missing, finished_at missing, zero duration,
 *   negative duration, completed_items missing, negative, above total_items; and one transfer finishing exactly at
 *   midnight UTC.</li>
 *   <li>updated_at of a step is its finish plus 1 to 5 seconds (finalise rewrites it, as the proposal says).</li>
 * </ul>
 * The same settings give the same rows on the same PostgreSQL major version.
 */
public final class SyntheticDeploymentData {

    /**
     * @param deploymentsPerDay average deployments on a weekday
     * @param days              UTC calendar days of deployments, ending the day before {@code now}
     * @param seed              the same seed gives the same rows
     * @param now               nothing is created from the start of this day on
     */
    public record Settings(int deploymentsPerDay, int days, long seed, Instant now) {
        public Settings {
            if (deploymentsPerDay < 1 || days < 1) {
                throw new IllegalArgumentException("deployments per day and days must be at least 1, not "
                        + deploymentsPerDay + " and " + days);
            }
            Objects.requireNonNull(now, "now");
        }
    }

    /** A standard normal value, from the sum of three uniforms (close enough for made-up durations). */
    private static final String NORMAL = "((random() + random() + random() - 1.5) * 2)";

    private static final String DEPLOYMENTS = """
            insert into deployments (project_id, status, created_at, updated_at)
            select 1 + abs(hashint8(day_number * 1000000 + n)) % 5000, 'completed', at, at
            from (
                select day_number, n, day + random() * interval '1 day' as at
                from (select day_number, ?::timestamptz + day_number * interval '1 day' as day,
                             round(? * case when extract(isodow from ?::date + day_number) > 5 then 0.4 else 1.0 end
                                   * (0.85 + 0.3 * random()))::int as count
                      from generate_series(0, ? - 1) day_number) days
                cross join lateral generate_series(1, days.count) n
            ) s
            order by at""";

    /** Steps with their planned start and finish: each starts when the previous one finishes. */
    private static final String STEPS = """
            create temporary table generated_steps on commit drop as
            select d.id as deployment_id, s.number, s.step,
                   case when s.number = r.fails_at then 'failed' else 'completed' end as status,
                   case when s.step = 'transfer_files' then r.items end as items,
                   d.created_at + (sum(s.seconds) over w - s.seconds) * interval '1 second' as started,
                   d.created_at + sum(s.seconds) over w * interval '1 second' as finished
            from deployments d
            cross join lateral (
                select d.id, case when random() < 0.015 then 1 + floor(random() * 4)::int else 5 end as fails_at,
                       floor(exp(ln(5) + random() * ln(6000)))::int as items,
                       5 * exp(0.5 * %1$s) as preparing, 90 * exp(0.6 * %1$s) as building,
                       3 * exp(0.4 * %1$s) as finishing, exp(0.35 * %1$s) as speed_noise
            ) r
            cross join lateral (values
                (1, 'preparing', r.preparing),
                (2, 'building', r.building),
                (3, 'transfer_files', r.items / (300 * r.speed_noise
                    * (1 + 0.2 * extract(epoch from d.created_at - ?::timestamptz) / (? * 86400.0))
                    * case when extract(hour from d.created_at at time zone 'UTC') between 13 and 18 then 0.7
                           else 1.0 end)),
                (4, 'finishing', r.finishing)
            ) s(number, step, seconds)
            where s.number <= r.fails_at
            window w as (partition by d.id order by s.number)""".formatted(NORMAL);

    /**
     * Which bad-row kind (1 to 7) a timed, completed transfer step gets, if any: a hash of its place, so that the
     * step and its timing row agree without a second pass.
     */
    private static final String BAD_KIND = """
            case when g.step = 'transfer_files' and g.status = 'completed' and g.started >= ?
                 then abs(hashint8(g.deployment_id * 10 + g.number)) % 1000 end""";

    private static final String STEP_ROWS = """
            insert into deployment_steps (deployment_id, step, status, total_items, completed_items, created_at,
                updated_at)
            select deployment_id, step, status, items,
                   case bad when 5 then null when 6 then -1 when 7 then items + 1
                            else case when status = 'failed' then items / 2 else items end end,
                   started, finished + (1 + random() * 4) * interval '1 second'
            from (select g.*, %s as bad from generated_steps g) g
            order by deployment_id, number""".formatted(BAD_KIND);

    private static final String TIMINGS = """
            insert into deployment_step_timings (deployment_step_id, started_at, finished_at)
            select s.id, case g.bad when 1 then null else g.started end,
                   case g.bad when 2 then null when 3 then g.started when 4 then g.started - interval '1 second'
                              else g.finished end
            from deployment_steps s
            join (select g.*, %s as bad from generated_steps g) g
              on g.deployment_id = s.deployment_id and g.step = s.step
            where g.started >= ?
            order by s.id""".formatted(BAD_KIND);

    private static final String MIDNIGHT = """
            update deployment_step_timings set finished_at = date_trunc('day', finished_at, 'UTC'),
                started_at = date_trunc('day', finished_at, 'UTC') - interval '30 seconds'
            where id = (select min(t.id) from deployment_step_timings t join deployment_steps s
                        on s.id = t.deployment_step_id
                        where s.step = 'transfer_files' and s.status = 'completed' and t.started_at is not null
                          and t.finished_at > t.started_at)""";

    private SyntheticDeploymentData() {
    }

    /** Replaces the three tables' rows; returns the number of deployment steps. */
    public static long generate(DataSource source, Settings settings) {
        LocalDate today = settings.now().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate firstDay = today.minusDays(settings.days());
        Timestamp first = Timestamp.from(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp cutOver = Timestamp.from(firstDay.plusDays(settings.days() / 5).atStartOfDay(ZoneOffset.UTC)
                .toInstant());
        var jdbc = new JdbcTemplate(source);
        Long steps = new TransactionTemplate(new DataSourceTransactionManager(source)).execute(status -> {
            jdbc.execute("truncate deployment_step_timings, deployment_steps, deployments restart identity");
            // One backend, no parallel workers: random() then runs in one fixed order, so a seed gives one data set.
            jdbc.execute("set local max_parallel_workers_per_gather = 0");
            jdbc.queryForList("select setseed(?)", SyntheticOnboardingData.setseedArgument(settings.seed()));
            jdbc.update(DEPLOYMENTS, first, settings.deploymentsPerDay(), Date.valueOf(firstDay),
                    settings.days());
            jdbc.update(STEPS, first, settings.days());
            long rows = jdbc.update(STEP_ROWS, cutOver);
            jdbc.update(TIMINGS, cutOver, cutOver);
            jdbc.update(MIDNIGHT);
            return rows;
        });
        jdbc.execute("analyze deployments, deployment_steps, deployment_step_timings");
        return steps == null ? 0 : steps;
    }
}
