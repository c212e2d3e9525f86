package io.progressreports.demo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Fills {@code onboarding_progresses} with made-up namespaces whose onboarding looks like the real thing, in one
 * INSERT ... SELECT inside PostgreSQL: millions of rows in a minute, where row-by-row inserts would take an hour.
 *
 * <p>Signups: {@code namespaces} rows on the {@code days} UTC calendar days before the day of {@code now}; a weekend
 * day gets 0.42 of a weekday, the last day 40% more than the first, every day +/-15% noise; busiest in the early
 * afternoon UTC, three times quieter at night; {@code id} follows {@code created_at}.
 *
 * <p>Actions: each has its own chance of ever happening, mostly depending on earlier steps, and a heavy-tailed delay
 * (Lomax, shape 1.5) after creation or after the step it follows, so completion rises fast and then flattens:
 * <pre>
 *   action                          ever happens                       median delay
 *   repository_imported             12%                                20 min after creation
 *   git_write                       65%                                1 day after creation
 *   repository_mirrored             3%                                 12 h after creation
 *   merge_request_created           55% after git_write, else 12%      18 h after git_write, else 2 days
 *   issue_created                   55% with git_write, else 27%       36 h after creation
 *   pipeline_created                72% after a merge request,         6 h after the merge request,
 *                                   18% after git_write alone, else 3% 2 days after git_write, else 3 days
 *   user_added                      45% with a merge request, else 20% 3 days after creation
 *   issue_auto_closed               30% with an issue and an MR        3 days after the later of the two
 *   trial_started                   20% with a pipeline, else 8.5%     5 days after creation
 *   subscription_created            30% of trials                      12 days after the trial started
 *   security_scan_enabled           8% of pipelines                    2 days after the pipeline
 *   secure_dependency_scanning_run  6% of pipelines                    1 day after the pipeline
 *   secure_dast_run                 2.5% of pipelines                  3 days after the pipeline
 *   required_mr_approvals_enabled   18% of trials, else 2% with an MR  3 days after the later of trial and MR
 *   code_owners_enabled             12% of trials, else 1.5% with an MR 4 days after the later of trial and MR
 *   scoped_label_created            20% of trials, else 3% with issues 2 days after the later of trial and issue
 * </pre>
 * A namespace set up for a company ({@code setup_for_company}: 30% true, 60% false, 10% NULL for those that skipped
 * the question) does a first git write in 72% of cases against 62%, and starts a trial 1.5 times as often (others
 * 0.785 times: the same 65% and trial chances as above on average).
 * An action due after {@code now} has not happened yet: NULL. {@code updated_at} is the latest of {@code created_at}
 * and the actions up to {@code now}.
 *
 * <p>Messy rows, 1% in all, one kind per row, the rest of the row as the model made it:
 * <pre>
 *   kind                                 rows    what
 *   git_write_before_creation            0.18%   2 minutes to 5 days before created_at (log-uniform)
 *   repository_imported_before_creation  0.12%   likewise
 *   user_added_in_future                 0.12%   1 day to 3 years after now (log-uniform), not in updated_at
 *   issue_created_in_future              0.08%   likewise
 *   merge_request_before_git_write       0.125%  merge_request &lt; git_write &lt; pipeline
 *   pipeline_before_merge_request        0.125%  git_write &lt; pipeline &lt; merge_request
 *   git_write_equals_merge_request       0.075%  git_write = merge_request &lt; pipeline
 *   merge_request_equals_pipeline        0.075%  git_write &lt; merge_request = pipeline
 *   git_write_at_creation                0.05%   exactly created_at
 *   repository_imported_at_creation      0.025%  likewise
 *   issue_created_at_creation            0.025%  likewise
 * </pre>
 * The four kinds about order set all three of git_write, merge_request and pipeline, within two days of creation and
 * never after {@code now}.
 *
 * <p>{@code namespaces}: a row for 98% of the namespaces (the rest are missing, as deleted ones are); {@code type}
 * {@code Group} for 80% of company namespaces and 30% of others, else {@code User}; {@code country_code} one of 14,
 * Zipf-like from {@code US} (26% of those with a country) to {@code KR} (2.5%), NULL for 5%.
 *
 * <p>The same settings give the same bytes on the same PostgreSQL major version (14 or later).
 */
public final class SyntheticOnboardingData {

    /**
     * @param namespaces rows to create
     * @param days       UTC calendar days of signups, ending the day before {@code now}
     * @param seed       the same seed gives the same rows
     * @param now        actions later than this have not happened yet
     */
    public record Settings(int namespaces, int days, long seed, Instant now) {
        public Settings {
            if (namespaces < 1 || days < 1) {
                throw new IllegalArgumentException("namespaces and days must be at least 1, not " + namespaces
                        + " and " + days);
            }
            Objects.requireNonNull(now, "now");
        }
    }

    // Stages, top to bottom: the draws (r), the model (a to e, each stage using only earlier ones), the messy kind
    // (k), what the row shows (f). Each lateral stage ends in "offset 0" so that PostgreSQL computes it once per row
    // instead of pasting its expressions into every later stage that uses them, which ran 2.5 times slower.
    // Delays are intervals of hours only and days are cut in UTC explicitly: the session time zone changes nothing.
    private static final String FILL = """
            insert into onboarding_progresses (namespace_id, created_at, updated_at, git_write_at,
                merge_request_created_at, pipeline_created_at, user_added_at, trial_started_at, subscription_created_at,
                required_mr_approvals_enabled_at, code_owners_enabled_at, scoped_label_created_at,
                security_scan_enabled_at, issue_created_at, issue_auto_closed_at, repository_imported_at,
                repository_mirrored_at, secure_dependency_scanning_run_at, secure_dast_run_at, setup_for_company)
            with signup_day as (
                select k, day,
                       case when extract(isodow from day at time zone 'UTC') >= 6 then 0.42 else 1 end
                       * (1 + 0.4 * k / greatest(:days - 1, 1))
                       * (0.85 + 0.3 * random()) as weight
                from generate_series(0, :days - 1) k
                cross join lateral (select date_trunc('day', :now, 'UTC') - (:days - k) * interval '24 hours' as day) d
            ),
            day_rows as (
                -- rows (first_row, last_row] of each day; upto / max(upto) is exactly 1 on the last day, so the
                -- days add up to the number asked for (n * upto / max(upto) could round to one less)
                select day, coalesce(lag(last_row) over (order by day), 0) as first_row, last_row
                from (select day, floor(:namespaces * (upto / max(upto) over ()))::bigint as last_row
                      from (select day, k, sum(weight) over (order by k) as upto from signup_day) running) cumulative
            )
            select r.namespace_id, r.created_at,
                   -- the latest of creation and the actions that have happened: the future ones do not count
                   greatest(r.created_at,
                            case when f.git_write_at <= :now then f.git_write_at end,
                            case when f.merge_request_created_at <= :now then f.merge_request_created_at end,
                            case when f.pipeline_created_at <= :now then f.pipeline_created_at end,
                            case when f.user_added_at <= :now then f.user_added_at end,
                            case when f.trial_started_at <= :now then f.trial_started_at end,
                            case when f.subscription_created_at <= :now then f.subscription_created_at end,
                            case when f.required_mr_approvals_enabled_at <= :now
                                 then f.required_mr_approvals_enabled_at end,
                            case when f.code_owners_enabled_at <= :now then f.code_owners_enabled_at end,
                            case when f.scoped_label_created_at <= :now then f.scoped_label_created_at end,
                            case when f.security_scan_enabled_at <= :now then f.security_scan_enabled_at end,
                            case when f.issue_created_at <= :now then f.issue_created_at end,
                            case when f.issue_auto_closed_at <= :now then f.issue_auto_closed_at end,
                            case when f.repository_imported_at <= :now then f.repository_imported_at end,
                            case when f.repository_mirrored_at <= :now then f.repository_mirrored_at end,
                            case when f.secure_dependency_scanning_run_at <= :now
                                 then f.secure_dependency_scanning_run_at end,
                            case when f.secure_dast_run_at <= :now then f.secure_dast_run_at end),
                   f.git_write_at, f.merge_request_created_at, f.pipeline_created_at, f.user_added_at,
                   f.trial_started_at, f.subscription_created_at, f.required_mr_approvals_enabled_at,
                   f.code_owners_enabled_at, f.scoped_label_created_at, f.security_scan_enabled_at, f.issue_created_at,
                   f.issue_auto_closed_at, f.repository_imported_at, f.repository_mirrored_at,
                   f.secure_dependency_scanning_run_at, f.secure_dast_run_at, a.setup_for_company
            from (
                -- Knuth's multiplicative hash: looks shuffled, yet one-to-one, so namespace_id stays unique
                select 1 + (g * 2654435761) % 4294967296 as namespace_id,
                       -- (i + jitter) / n spreads the day evenly and keeps id order; the sine warp makes the early
                       -- afternoon three times busier than the night; least() keeps a rounded-up x inside its day
                       day + interval '1 microsecond' * least(86399999999,
                           86400e6 * (x - 0.25 / pi() * (sin(2 * pi() * (x - 0.55)) + sin(2 * pi() * 0.55))))
                           as created_at,
                       -- o_: does the action ever happen; z_: its delay in medians, Lomax with shape 1.5 (whose median
                       -- is 2^(2/3) - 1 = 0.5874 of its scale), capped at 1000 medians so that no time overflows
                       random() as o_git_write,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_git_write,
                       random() as o_merge_request_created,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_merge_request_created,
                       random() as o_pipeline_created,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_pipeline_created,
                       random() as o_user_added,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_user_added,
                       random() as o_trial_started,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_trial_started,
                       random() as o_subscription_created,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_subscription_created,
                       random() as o_required_mr_approvals_enabled,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_required_mr_approvals_enabled,
                       random() as o_code_owners_enabled,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_code_owners_enabled,
                       random() as o_scoped_label_created,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_scoped_label_created,
                       random() as o_security_scan_enabled,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_security_scan_enabled,
                       random() as o_issue_created,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_issue_created,
                       random() as o_issue_auto_closed,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_issue_auto_closed,
                       random() as o_repository_imported,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_repository_imported,
                       random() as o_repository_mirrored,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_repository_mirrored,
                       random() as o_secure_dependency_scanning_run,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_secure_dependency_scanning_run,
                       random() as o_secure_dast_run,
                       least((power(1 - random(), -2.0 / 3) - 1) / 0.5874, 1000) as z_secure_dast_run,
                       -- the messy kind of the row, and the times it moves actions to
                       random() as mess, random() as u1, random() as u2, random() as u3,
                       random() as o_company
                from (select g, d.day, (g - d.first_row - 1 + random()) / (d.last_row - d.first_row) as x
                      from day_rows d cross join lateral generate_series(d.first_row + 1, d.last_row) g) slot
            ) r
            cross join lateral (select
                -- NULL for the namespaces that skipped the question
                case when r.o_company >= 0.1 then r.o_company < 0.4 end as setup_for_company,
                case when r.o_git_write < case when r.o_company >= 0.1 and r.o_company < 0.4 then 0.72 else 0.62 end
                     then r.created_at + interval '24 hours' * r.z_git_write end as git_write,
                case when r.o_repository_imported < 0.12
                     then r.created_at + interval '20 minutes' * r.z_repository_imported end as repository_imported,
                case when r.o_repository_mirrored < 0.03
                     then r.created_at + interval '12 hours' * r.z_repository_mirrored end as repository_mirrored
                offset 0) a
            cross join lateral (select
                case when a.git_write is not null
                     then case when r.o_merge_request_created < 0.55
                               then a.git_write + interval '18 hours' * r.z_merge_request_created end
                     else case when r.o_merge_request_created < 0.12
                               then r.created_at + interval '48 hours' * r.z_merge_request_created end
                end as merge_request_created,
                case when r.o_issue_created < case when a.git_write is not null then 0.55 else 0.27 end
                     then r.created_at + interval '36 hours' * r.z_issue_created end as issue_created
                offset 0) b
            cross join lateral (select
                case when b.merge_request_created is not null
                     then case when r.o_pipeline_created < 0.72
                               then b.merge_request_created + interval '6 hours' * r.z_pipeline_created end
                     when a.git_write is not null
                     then case when r.o_pipeline_created < 0.18
                               then a.git_write + interval '48 hours' * r.z_pipeline_created end
                     else case when r.o_pipeline_created < 0.03
                               then r.created_at + interval '72 hours' * r.z_pipeline_created end
                end as pipeline_created,
                case when r.o_user_added < case when b.merge_request_created is not null then 0.45 else 0.2 end
                     then r.created_at + interval '72 hours' * r.z_user_added end as user_added,
                case when b.issue_created is not null and b.merge_request_created is not null
                          and r.o_issue_auto_closed < 0.3
                     then greatest(b.issue_created, b.merge_request_created)
                          + interval '72 hours' * r.z_issue_auto_closed end as issue_auto_closed
                offset 0) c
            cross join lateral (select
                case when r.o_trial_started < case when c.pipeline_created is not null then 0.2 else 0.085 end
                                              * case when a.setup_for_company then 1.5 else 0.785 end
                     then r.created_at + interval '120 hours' * r.z_trial_started end as trial_started,
                case when c.pipeline_created is not null and r.o_security_scan_enabled < 0.08
                     then c.pipeline_created + interval '48 hours' * r.z_security_scan_enabled
                end as security_scan_enabled,
                case when c.pipeline_created is not null and r.o_secure_dependency_scanning_run < 0.06
                     then c.pipeline_created + interval '24 hours' * r.z_secure_dependency_scanning_run
                end as secure_dependency_scanning_run,
                case when c.pipeline_created is not null and r.o_secure_dast_run < 0.025
                     then c.pipeline_created + interval '72 hours' * r.z_secure_dast_run end as secure_dast_run
                offset 0) d
            cross join lateral (select
                case when d.trial_started is not null and r.o_subscription_created < 0.3
                     then d.trial_started + interval '288 hours' * r.z_subscription_created
                end as subscription_created,
                case when r.o_required_mr_approvals_enabled < case when d.trial_started is not null then 0.18
                                                                   when b.merge_request_created is not null then 0.02
                                                                   else 0 end
                     then greatest(d.trial_started, b.merge_request_created)
                          + interval '72 hours' * r.z_required_mr_approvals_enabled
                end as required_mr_approvals_enabled,
                case when r.o_code_owners_enabled < case when d.trial_started is not null then 0.12
                                                         when b.merge_request_created is not null then 0.015
                                                         else 0 end
                     then greatest(d.trial_started, b.merge_request_created)
                          + interval '96 hours' * r.z_code_owners_enabled
                end as code_owners_enabled,
                case when r.o_scoped_label_created < case when d.trial_started is not null then 0.2
                                                          when b.issue_created is not null then 0.03
                                                          else 0 end
                     then greatest(d.trial_started, b.issue_created) + interval '48 hours' * r.z_scoped_label_created
                end as scoped_label_created
                offset 0) e
            cross join lateral (select kind,
                case when kind like '%before_creation' then r.created_at - interval '2 minutes' * power(3600, r.u1)
                     when kind like '%in_future' then :now + interval '24 hours' * power(1095, r.u1)
                end as moved_at,
                -- t1 < t2 < t3 inside the first two days, and never after now
                r.created_at + least(:now - r.created_at, interval '48 hours') * r.u1 / 3 as t1,
                r.created_at + least(:now - r.created_at, interval '48 hours') * (r.u1 + 1 - r.u2) / 3 as t2,
                r.created_at + least(:now - r.created_at, interval '48 hours') * (r.u1 + 2 - r.u2 - r.u3) / 3 as t3
                from (select case when r.mess < 0.0018 then 'git_write_before_creation'
                                  when r.mess < 0.0030 then 'repository_imported_before_creation'
                                  when r.mess < 0.0042 then 'user_added_in_future'
                                  when r.mess < 0.0050 then 'issue_created_in_future'
                                  when r.mess < 0.00625 then 'merge_request_before_git_write'
                                  when r.mess < 0.0075 then 'pipeline_before_merge_request'
                                  when r.mess < 0.00825 then 'git_write_equals_merge_request'
                                  when r.mess < 0.0090 then 'merge_request_equals_pipeline'
                                  when r.mess < 0.0095 then 'git_write_at_creation'
                                  when r.mess < 0.00975 then 'repository_imported_at_creation'
                                  when r.mess < 0.0100 then 'issue_created_at_creation'
                             end as kind) kinds
                offset 0) k
            -- what the row shows: the actions up to now, then the messy kind on top
            cross join lateral (select
                case k.kind when 'git_write_before_creation' then k.moved_at
                            when 'git_write_at_creation' then r.created_at
                            when 'merge_request_before_git_write' then k.t2
                            when 'pipeline_before_merge_request' then k.t1
                            when 'git_write_equals_merge_request' then k.t1
                            when 'merge_request_equals_pipeline' then k.t1
                            else case when a.git_write <= :now then a.git_write end
                end as git_write_at,
                case k.kind when 'merge_request_before_git_write' then k.t1
                            when 'pipeline_before_merge_request' then k.t3
                            when 'git_write_equals_merge_request' then k.t1
                            when 'merge_request_equals_pipeline' then k.t2
                            else case when b.merge_request_created <= :now then b.merge_request_created end
                end as merge_request_created_at,
                case k.kind when 'merge_request_before_git_write' then k.t3
                            when 'pipeline_before_merge_request' then k.t2
                            when 'git_write_equals_merge_request' then k.t2
                            when 'merge_request_equals_pipeline' then k.t2
                            else case when c.pipeline_created <= :now then c.pipeline_created end
                end as pipeline_created_at,
                case k.kind when 'user_added_in_future' then k.moved_at
                            else case when c.user_added <= :now then c.user_added end
                end as user_added_at,
                case when d.trial_started <= :now then d.trial_started end as trial_started_at,
                case when e.subscription_created <= :now then e.subscription_created end as subscription_created_at,
                case when e.required_mr_approvals_enabled <= :now
                     then e.required_mr_approvals_enabled end as required_mr_approvals_enabled_at,
                case when e.code_owners_enabled <= :now then e.code_owners_enabled end as code_owners_enabled_at,
                case when e.scoped_label_created <= :now then e.scoped_label_created end as scoped_label_created_at,
                case when d.security_scan_enabled <= :now then d.security_scan_enabled end as security_scan_enabled_at,
                case k.kind when 'issue_created_in_future' then k.moved_at
                            when 'issue_created_at_creation' then r.created_at
                            else case when b.issue_created <= :now then b.issue_created end
                end as issue_created_at,
                case when c.issue_auto_closed <= :now then c.issue_auto_closed end as issue_auto_closed_at,
                case k.kind when 'repository_imported_before_creation' then k.moved_at
                            when 'repository_imported_at_creation' then r.created_at
                            else case when a.repository_imported <= :now then a.repository_imported end
                end as repository_imported_at,
                case when a.repository_mirrored <= :now then a.repository_mirrored end as repository_mirrored_at,
                case when d.secure_dependency_scanning_run <= :now
                     then d.secure_dependency_scanning_run end as secure_dependency_scanning_run_at,
                case when d.secure_dast_run <= :now then d.secure_dast_run end as secure_dast_run_at
                offset 0) f
            """;

    // After FILL, in the same session: the draws continue its sequence. Ordered by namespace_id first, so that the
    // draws do not depend on the heap's order.
    private static final String NAMESPACES = """
            insert into namespaces (id, type, country_code)
            select id, type, country_code
            from (select o.namespace_id as id, random() as u_missing,
                         case when random() < case when o.setup_for_company then 0.8 else 0.3 end
                              then 'Group' else 'User' end as type,
                         -- Zipf-like: the k-th country of 14 with a chance of log((k + 1) / k) / log(15)
                         case when random() >= 0.05
                              then (array['US', 'DE', 'IN', 'GB', 'FR', 'BR', 'JP', 'CN', 'CA', 'NL', 'ES', 'PL', 'AU',
                                          'KR'])[floor(exp(random() * ln(15)))::int] end as country_code
                  from (select namespace_id, setup_for_company from onboarding_progresses
                        order by namespace_id offset 0) o
                  offset 0) drawn
            where u_missing >= 0.02
            """;

    private SyntheticOnboardingData() {
    }

    /**
     * Replaces every row of {@code onboarding_progresses} with {@code settings.namespaces()} new ones, and those of
     * {@code namespaces} with theirs.
     */
    public static long generate(DataSource source, Settings settings) {
        var jdbc = JdbcClient.create(source);
        Integer rows = new TransactionTemplate(new DataSourceTransactionManager(source)).execute(status -> {
            jdbc.sql("truncate onboarding_progresses, namespaces restart identity").update();
            // random() is one sequence per session: the same seed gives the same rows only if this session draws
            // every number in the same order, so no parallel workers (each with its own sequence).
            jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
            // Memoize would cache the deterministic stages per distinct input: no gain, only overhead.
            jdbc.sql("set local enable_memoize = off").update();
            jdbc.sql("select setseed(:seed)").param("seed", setseedArgument(settings.seed())).query().listOfRows();
            int filled = jdbc.sql(FILL)
                    .param("now", OffsetDateTime.ofInstant(settings.now(), ZoneOffset.UTC))
                    .param("days", settings.days())
                    .param("namespaces", settings.namespaces())
                    .update();
            jdbc.sql(NAMESPACES).update();
            return filled;
        });
        jdbc.sql("analyze onboarding_progresses, namespaces").update();
        return Objects.requireNonNull(rows);
    }

    /**
     * setseed() keeps only 52 bits of its argument, a double in [-1, 1]: spread all 64 bits of the seed over them
     * first (the splitmix64 finaliser), so that small seeds such as 7 and 8 do not collapse into one sequence.
     */
    static double setseedArgument(long seed) {
        long z = (seed ^ (seed >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >> 11) * 0x1.0p-52;
    }
}
