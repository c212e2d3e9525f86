package io.progressreports.demo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fills {@code deployments}, {@code deployment_steps} and {@code deployment_step_timings} with made-up deployments
 * shaped like those of the deployment-step progress proposal (seeds/dhq-537), set-based inside PostgreSQL: 1.5 million
 * steps in about 15 seconds, 10 million in under two minutes.
 *
 * <p>Deployments: {@code deploymentsPerDay * days} in all, exactly, on the {@code days} UTC calendar days before the
 * day of {@code now} (none on that day); a weekend day gets 0.35 of a weekday, every day +/-15% noise; busiest in the
 * early afternoon UTC, three times quieter at night; {@code id} follows {@code created_at}; {@code project_id} from 1
 * to 20,000, the low ones far busier.
 *
 * <p>Steps, created with their deployment (so {@code created_at} says nothing about when a step ran), in this
 * order, each starting the microsecond the previous one finishes; durations are log-normal:
 * <pre>
 *   step                 median    spread (sigma)  cap     items
 *   (queue before it)    1.5 s     1.0             10 min
 *   preparing            3 s       0.6             10 min  NULL
 *   building             90 s      0.9             1 h     NULL
 *   transfer_files       0.5 s + items / speed             total_items 1 to 60,000, median 600 (sigma 1.6)
 *   running_migrations   20 s      1.0             30 min  1 to 6 migrations; 15% of deployments only
 *   finishing            4 s       0.5             10 min  NULL
 * </pre>
 * Transfer speed is 150 items/s times: a time-of-day factor from 1.0 at 02:30 UTC down to 0.65 at 14:30 UTC (by
 * the transfer's start), a drift from 1.0 at the first day to 1.2 at {@code now}, a per-deployment log-normal
 * factor (sigma 0.35); and, when the settings ask for it (the demo does), a slowdown: 0.6 for transfers starting on
 * the last {@code slowDays} days, a regression planted for the demo's alert to report.
 *
 * <p>Statuses: {@code completed}; 2% of deployments fail at one step (preparing 10%, building 55%, transfer_files
 * 15%, running_migrations 10% where present, else finishing), after a random 5-95% of its duration, with
 * completed_items that share of total_items, and their later steps are {@code skipped}; at {@code now} a step that
 * has started but not finished is {@code running} (completed_items in proportion to its elapsed time) and the ones
 * after it {@code pending}. Deployment status: {@code completed}, {@code failed} or {@code running}.
 *
 * <p>Timings: one row per step that has started, with started_at and finished_at (NULL while running), to the
 * microsecond, but only for deployments created from the cut-over on, the start of UTC day {@code cutOverDay} of the
 * period ({@code days / 5} unless the settings say otherwise): older deployments have none (untimed), as with a table
 * added later.
 *
 * <p>{@code updated_at}: a step that ended was last saved 1 to 5 s after its end (finalise rewrites it); running and
 * pending steps keep {@code created_at}; a deployment 5 to 6 s after its last step ended, or {@code now} while
 * running, and its skipped steps with it. Nothing is later than {@code now}.
 *
 * <p>Bad rows for the transfer-speed job's rules, 0.5% of the timed, completed transfer_files steps, one kind each,
 * the rest of the row as the model made it:
 * <pre>
 *   kind                          share   what
 *   finished_at_missing           0.10%   the timing row's finished_at is NULL
 *   started_at_missing            0.10%   started_at is NULL
 *   zero_duration                 0.05%   started_at = finished_at (moved to the finish)
 *   negative_duration             0.05%   started_at and finished_at swapped
 *   completed_items_missing       0.10%   completed_items is NULL
 *   completed_items_negative      0.05%   completed_items = -total_items
 *   completed_items_over_total    0.05%   completed_items = total_items + 1 + total_items / 10
 * </pre>
 * And one good, timed transfer finishes exactly at a UTC midnight: at the start of the period's last day (the day
 * after the first when {@code days} is 1), by stretching the build of the timed deployment whose transfer would
 * otherwise have finished last before it.
 *
 * <p>The same settings give the same bytes on the same PostgreSQL major version (14 or later).
 */
public final class SyntheticDeploymentData {

    private static final long DAY_MICROS = 86_400_000_000L;

    /**
     * @param deploymentsPerDay deployments a day on average: {@code deploymentsPerDay * days} in all
     * @param days              UTC calendar days of deployments, ending the day before {@code now}
     * @param seed              the same seed gives the same rows
     * @param now               what has not finished by then is running or pending
     * @param cutOverDay        the day of the period (0 is the first) from whose start deployments have timing rows;
     *                          0 times every deployment, as the benchmark needs; {@code days} times none
     * @param slowDays          the last days of the period whose transfers run at 0.6 of their speed: the demo's
     *                          planted regression, for its alert to find; 0 for none
     */
    public record Settings(int deploymentsPerDay, int days, long seed, Instant now, int cutOverDay, int slowDays) {
        public Settings {
            if (deploymentsPerDay < 1 || days < 1) {
                throw new IllegalArgumentException("deployments per day and days must be at least 1, not "
                        + deploymentsPerDay + " and " + days);
            }
            if (cutOverDay < 0 || cutOverDay > days) {
                throw new IllegalArgumentException("the cut-over day must be from 0 to " + days + ", not "
                        + cutOverDay);
            }
            if (slowDays < 0 || slowDays > days) {
                throw new IllegalArgumentException("the slow days must be from 0 to " + days + ", not " + slowDays);
            }
            Objects.requireNonNull(now, "now");
        }

        public Settings(int deploymentsPerDay, int days, long seed, Instant now, int cutOverDay) {
            this(deploymentsPerDay, days, seed, now, cutOverDay, 0);
        }

        /** The model's cut-over, at day {@code days / 5}: the first fifth of the period is untimed. */
        public Settings(int deploymentsPerDay, int days, long seed, Instant now) {
            this(deploymentsPerDay, days, seed, now, days / 5);
        }

        /** The same data with its last {@code slowDays} days' transfers slowed down. */
        public Settings withSlowDays(int slowDays) {
            return new Settings(deploymentsPerDay, days, seed, now, cutOverDay, slowDays);
        }
    }

    // One row per deployment with every draw and the end of each step in microseconds after its creation (e0 is
    // the queue, e1 preparing ... e5 finishing; e4 = e3 without migrations); the three tables are then derived from
    // it without any random(), so they agree with each other and need no joins. Times are microseconds after :first
    // (the first day's midnight) so that step boundaries add up exactly. first_step is the id of the deployment's
    // first step: a running sum over a window with no ORDER BY, which PostgreSQL computes in the order rows arrive
    // (the order random() is drawn in) without sorting millions of rows. Each lateral stage ends in "offset 0" so that
    // PostgreSQL computes it once per row instead of pasting its expressions into every later use.
    private static final String PLAN = """
            create temporary table deployment_plan on commit drop as
            with deployment_day as (
                select k,
                       case when extract(isodow from (:first + k * interval '24 hours') at time zone 'UTC') >= 6
                            then 0.35 else 1 end
                       * (0.85 + 0.3 * random()) as weight
                from generate_series(0, :days - 1) k
            ),
            day_rows as (
                -- rows (first_row, last_row] of each day; upto / max(upto) is exactly 1 on the last day, so the days
                -- add up to the number asked for
                select k, coalesce(lag(last_row) over (order by k), 0) as first_row, last_row
                from (select k, floor(:deployments * (upto / max(upto) over ()))::bigint as last_row
                      from (select k, sum(weight) over (order by k) as upto from deployment_day) running) cumulative
            ),
            slots as (
                select id, created_us, m,
                       sum(4 + m) over (rows between unbounded preceding and current row) - 3 - m as first_step
                from (select id,
                             -- (i + jitter) / n spreads the day evenly and keeps id order; the sine warp makes the
                             -- early afternoon three times busier than the night
                             k * 86400000000 + least(86399999999, floor(86400e6
                                 * (x - 0.25 / pi() * (sin(2 * pi() * (x - 0.55)) + sin(2 * pi() * 0.55)))))::bigint
                                 as created_us,
                             (random() < 0.15)::int as m
                      from (select d.k, g as id, (g - d.first_row - 1 + random()) / (d.last_row - d.first_row) as x
                            from day_rows d cross join lateral generate_series(d.first_row + 1, d.last_row) g) slot
                     ) drawn
            )
            select r.id, r.first_step, r.created_us, r.m, r.project_id, n.fail_kind, r.fail_share, r.mess, n.items,
                   r.migrations, n.d0 as e0, a.e1, a.e2, e.e3, e.e4, e.e5,
                   -- the end of the last step that ran
                   case n.fail_kind when 1 then a.e1 when 2 then a.e2 when 3 then e.e3 when 4 then e.e4 else e.e5
                   end as stop_us,
                   r.o1, r.o2, r.o3, r.o4, r.o5, r.o_deployment
            from (select s.*,
                         1 + floor(20000 * power(random(), 2))::bigint as project_id,
                         -- Box-Muller: each radius and angle give two independent standard normals
                         sqrt(-2 * ln(1 - random())) as r1, 2 * pi() * random() as a1,
                         sqrt(-2 * ln(1 - random())) as r2, 2 * pi() * random() as a2,
                         sqrt(-2 * ln(1 - random())) as r3, 2 * pi() * random() as a3,
                         sqrt(-2 * ln(1 - random())) as r4, 2 * pi() * random() as a4,
                         random() as u_fail, random() as u_fail_step, 0.05 + 0.9 * random() as fail_share,
                         random() as mess,
                         1 + floor(6 * power(random(), 2))::int as migrations,
                         -- how long after its end each step, and then the deployment, was last saved
                         (1e6 + 4e6 * random())::int as o1, (1e6 + 4e6 * random())::int as o2,
                         (1e6 + 4e6 * random())::int as o3, (1e6 + 4e6 * random())::int as o4,
                         (1e6 + 4e6 * random())::int as o5, (5e6 + 1e6 * random())::int as o_deployment
                  from slots s) r
            cross join lateral (select
                case when r.u_fail < 0.02
                     then case when r.u_fail_step < 0.1 then 1 when r.u_fail_step < 0.65 then 2
                               when r.u_fail_step < 0.8 then 3 when r.u_fail_step < 0.9 and r.m = 1 then 4 else 5 end
                end as fail_kind,
                greatest(1, least(60000, round(600 * exp(1.6 * r.r3 * sin(r.a3)))))::int as items,
                exp(0.35 * r.r4 * cos(r.a4)) as speed_noise,
                round(least(600e6, 1.5e6 * exp(r.r1 * cos(r.a1))))::bigint as d0,
                round(greatest(2e5, least(600e6, 3e6 * exp(0.6 * r.r1 * sin(r.a1)))))::bigint as d1,
                round(least(3600e6, 90e6 * exp(0.9 * r.r2 * cos(r.a2))))::bigint as d2,
                r.m * round(least(1800e6, 20e6 * exp(r.r2 * sin(r.a2))))::bigint as d4,
                round(least(600e6, 4e6 * exp(0.5 * r.r3 * cos(r.a3))))::bigint as d5
                offset 0) n
            cross join lateral (select
                n.d0 + case n.fail_kind when 1 then round(n.d1 * r.fail_share)::bigint else n.d1 end as e1,
                n.d0 + case n.fail_kind when 1 then round(n.d1 * r.fail_share)::bigint else n.d1 end
                     + case n.fail_kind when 2 then round(n.d2 * r.fail_share)::bigint else n.d2 end as e2
                offset 0) a
            -- the transfer's speed depends on when it starts: its time of day and how far into the period
            cross join lateral (select
                round(1e6 * (0.5 + n.items / (150 * n.speed_noise
                    * (1 - 0.175 * (1 + cos(2 * pi() * (((r.created_us + a.e2) % 86400000000) / 86400e6
                                                        - 14.5 / 24))))
                    * (1 + 0.2 * (r.created_us + a.e2) / (:now_us)::float8)
                    -- the planted slowdown of the last days, for the demo's alert to find
                    * case when r.created_us + a.e2 >= (:days - :slow_days) * 86400000000 then 0.6 else 1 end
                    )))::bigint as d3
                offset 0) t
            cross join lateral (select
                a.e2 + case n.fail_kind when 3 then round(t.d3 * r.fail_share)::bigint else t.d3 end as e3,
                a.e2 + case n.fail_kind when 3 then round(t.d3 * r.fail_share)::bigint else t.d3 end
                     + case n.fail_kind when 4 then round(n.d4 * r.fail_share)::bigint else n.d4 end as e4,
                a.e2 + case n.fail_kind when 3 then round(t.d3 * r.fail_share)::bigint else t.d3 end
                     + case n.fail_kind when 4 then round(n.d4 * r.fail_share)::bigint else n.d4 end
                     + case n.fail_kind when 5 then round(n.d5 * r.fail_share)::bigint else n.d5 end as e5
                offset 0) e
            """;

    /** Stretches one build so that the transfer after it ends exactly at :midnight_us, shifting the later steps. */
    private static final String MIDNIGHT = """
            update deployment_plan p
            set e2 = p.e2 + c.shift, e3 = p.e3 + c.shift, e4 = p.e4 + c.shift, e5 = p.e5 + c.shift,
                stop_us = p.stop_us + c.shift
            from (select id, :midnight_us - (created_us + e3) as shift
                  from deployment_plan
                  where created_us >= :cut_us and created_us + e3 < :midnight_us and coalesce(fail_kind, 5) > 3
                    and mess >= 0.005
                  order by created_us + e3 desc, id
                  limit 1) c
            where p.id = c.id
            """;

    /** The step rows of plan row p, as a lateral subquery s; times in microseconds after :first. */
    private static final String STEPS_OF_P = """
            (select v.step, v.position, st.status, it.total_items,
                    case st.bad when 'completed_items_missing' then null
                                when 'completed_items_negative' then -it.total_items
                                when 'completed_items_over_total' then it.total_items + 1 + it.total_items / 10
                                else case st.status
                                         when 'completed' then it.total_items
                                         when 'failed' then floor(it.total_items * p.fail_share)::int
                                         when 'running' then floor(it.total_items
                                             * (:now_us - p.created_us - v.start_us)::float8
                                             / (v.end_us - v.start_us))::int
                                     end
                    end as completed_items,
                    case when st.status in ('completed', 'failed')
                         then least(p.created_us + v.end_us + v.saved_us, :now_us)
                         when st.status = 'skipped' then least(p.created_us + p.stop_us + p.o_deployment, :now_us)
                         else p.created_us
                    end as updated_us,
                    case when st.status in ('completed', 'failed', 'running')
                              and st.bad is distinct from 'started_at_missing'
                         then p.created_us + case when st.bad in ('zero_duration', 'negative_duration') then v.end_us
                                                  else v.start_us end
                    end as started_us,
                    case when st.status in ('completed', 'failed') and st.bad is distinct from 'finished_at_missing'
                         then p.created_us + case st.bad when 'negative_duration' then v.start_us else v.end_us end
                    end as finished_us
             from (values (1, 'preparing', 1, p.e0, p.e1, p.o1),
                          (2, 'building', 2, p.e1, p.e2, p.o2),
                          (3, 'transfer_files', 3, p.e2, p.e3, p.o3),
                          (4, 'running_migrations', 4, p.e3, p.e4, p.o4),
                          (5, 'finishing', 4 + p.m, p.e4, p.e5, p.o5)
                  ) v(kind, step, position, start_us, end_us, saved_us)
             cross join lateral (select
                 case when v.kind > p.fail_kind
                      then case when p.created_us + p.stop_us <= :now_us then 'skipped' else 'pending' end
                      when p.created_us + v.start_us > :now_us then 'pending'
                      when p.created_us + v.end_us > :now_us then 'running'
                      when v.kind = p.fail_kind then 'failed'
                      else 'completed'
                 end as status,
                 case when v.kind = 3 and p.created_us >= :cut_us and p.created_us + v.end_us <= :now_us
                           and p.fail_kind is distinct from 3 and p.mess < 0.005
                      then case when p.mess < 0.0010 then 'finished_at_missing'
                                when p.mess < 0.0020 then 'started_at_missing'
                                when p.mess < 0.0025 then 'zero_duration'
                                when p.mess < 0.0030 then 'negative_duration'
                                when p.mess < 0.0040 then 'completed_items_missing'
                                when p.mess < 0.0045 then 'completed_items_negative'
                                else 'completed_items_over_total' end
                 end as bad
                 offset 0) st
             cross join lateral (select
                 case when st.status in ('pending', 'skipped') then null
                      when v.kind = 3 then p.items when v.kind = 4 then p.migrations
                 end as total_items
                 offset 0) it
             where v.kind <> 4 or p.m = 1) s""";

    private static final String DEPLOYMENTS = """
            insert into deployments (id, project_id, status, created_at, updated_at) overriding system value
            select p.id, p.project_id,
                   case when p.created_us + p.stop_us > :now_us then 'running'
                        when p.fail_kind is not null then 'failed'
                        else 'completed' end,
                   :first + interval '1 microsecond' * p.created_us,
                   :first + interval '1 microsecond' * least(p.created_us + p.stop_us + p.o_deployment, :now_us)
            from deployment_plan p
            """;

    private static final String STEPS = """
            insert into deployment_steps (id, deployment_id, step, status, total_items, completed_items, created_at,
                updated_at) overriding system value
            select p.first_step + s.position - 1, p.id, s.step, s.status, s.total_items, s.completed_items,
                   :first + interval '1 microsecond' * p.created_us, :first + interval '1 microsecond' * s.updated_us
            from deployment_plan p cross join lateral
            """ + STEPS_OF_P;

    // Timing ids count from 1 at the first timed step and follow the step ids, as if the table had been added at the
    // cut-over; a step that never started leaves a gap.
    private static final String TIMINGS = """
            insert into deployment_step_timings (id, deployment_step_id, started_at, finished_at)
            overriding system value
            select p.first_step + s.position - b.first_step, p.first_step + s.position - 1,
                   :first + interval '1 microsecond' * s.started_us, :first + interval '1 microsecond' * s.finished_us
            from (select min(first_step) as first_step from deployment_plan where created_us >= :cut_us) b
            cross join deployment_plan p cross join lateral
            """ + STEPS_OF_P + """

            where p.created_us >= :cut_us and s.status in ('completed', 'failed', 'running')
            """;

    // Keys, unique constraints, foreign keys and indexes of the three tables, to drop before the load and recreate
    // after it: one index build and one join per foreign key instead of millions of index insertions and row-by-row
    // foreign-key checks, about three times faster than loading into the keyed tables. Dropped in this order (foreign
    // keys first), recreated in the reverse one (foreign keys last); in the same transaction, so a failure keeps them.
    private static final String KEYS_AND_INDEXES = """
            select format('alter table %s drop constraint %I', conrelid::regclass, conname) as drop_it,
                   format('alter table %s add constraint %I %s', conrelid::regclass, conname,
                          pg_get_constraintdef(oid)) as create_it,
                   case contype when 'f' then 1 else 2 end as stage
            from pg_constraint
            where conrelid in ('deployments'::regclass, 'deployment_steps'::regclass,
                               'deployment_step_timings'::regclass)
              and contype in ('f', 'p', 'u')
            union all
            select format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), 3
            from pg_index i
            where i.indrelid in ('deployments'::regclass, 'deployment_steps'::regclass,
                                 'deployment_step_timings'::regclass)
              and not exists (select 1 from pg_constraint c
                              where c.conindid = i.indexrelid and c.conrelid = i.indrelid)
            order by stage, drop_it
            """;

    private SyntheticDeploymentData() {
    }

    /** Replaces every row of the three tables; returns the number of {@code deployment_steps} rows. */
    public static long generate(DataSource source, Settings settings) {
        LocalDate today = LocalDate.ofInstant(settings.now(), ZoneOffset.UTC);
        Instant first = today.minusDays(settings.days()).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Object> parameters = Map.of(
                "first", OffsetDateTime.ofInstant(first, ZoneOffset.UTC),
                "days", settings.days(),
                "deployments", (long) settings.deploymentsPerDay() * settings.days(),
                "now_us", ChronoUnit.MICROS.between(first, settings.now()),
                "cut_us", settings.cutOverDay() * DAY_MICROS,
                "slow_days", settings.slowDays(),
                "midnight_us", Math.max(settings.days() - 1, 1) * DAY_MICROS);
        var jdbc = JdbcClient.create(source);
        Long steps = new TransactionTemplate(new DataSourceTransactionManager(source)).execute(status -> {
            jdbc.sql("truncate deployment_step_timings, deployment_steps, deployments restart identity").update();
            // random() is one sequence per session: the same seed gives the same rows only if this session draws
            // every number in the same order, so no parallel workers (each with its own sequence).
            jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
            jdbc.sql("select setseed(:seed)")
                    .param("seed", SyntheticOnboardingData.setseedArgument(settings.seed()))
                    .query().listOfRows();
            List<Map<String, Object>> keys = jdbc.sql(KEYS_AND_INDEXES).query().listOfRows();
            keys.forEach(key -> jdbc.sql((String) key.get("drop_it")).update());
            jdbc.sql(PLAN).params(parameters).update();
            jdbc.sql(MIDNIGHT).params(parameters).update();
            jdbc.sql(DEPLOYMENTS).params(parameters).update();
            long rows = jdbc.sql(STEPS).params(parameters).update();
            jdbc.sql(TIMINGS).params(parameters).update();
            List<Map<String, Object>> recreate = new ArrayList<>(keys);
            Collections.reverse(recreate);
            recreate.forEach(key -> jdbc.sql((String) key.get("create_it")).update());
            // Explicit ids left the identity sequences at 1: the next row inserted by hand gets the next id.
            for (String table : List.of("deployments", "deployment_steps", "deployment_step_timings")) {
                jdbc.sql("select setval(pg_get_serial_sequence(:table, 'id'), coalesce(max(id), 0) + 1, false) from "
                        + table).param("table", table).query().listOfRows();
            }
            return rows;
        });
        jdbc.sql("analyze deployments, deployment_steps, deployment_step_timings").update();
        return Objects.requireNonNull(steps);
    }
}
