package io.progressreports.demo;

import io.progressreports.SqlFigures;
import io.progressreports.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticOnboardingDataTest {

    private static final Instant NOW = Instant.parse("2026-11-01T06:00:00Z");
    private static final SyntheticOnboardingData.Settings SETTINGS =
            new SyntheticOnboardingData.Settings(20_000, 60, 7, NOW);
    private static final List<String> ACTIONS = List.of("git_write", "merge_request_created", "pipeline_created",
            "user_added", "trial_started", "subscription_created", "required_mr_approvals_enabled",
            "code_owners_enabled", "scoped_label_created", "security_scan_enabled", "issue_created",
            "issue_auto_closed", "repository_imported", "repository_mirrored", "secure_dependency_scanning_run",
            "secure_dast_run");
    private static final String COLUMNS = ACTIONS.stream().map(a -> a + "_at").collect(Collectors.joining(", "));

    private static SqlFigures figures;

    @BeforeAll
    static void generate() {
        DataSource source = TestDatabase.newEmptySource();
        assertThat(SyntheticOnboardingData.generate(source, SETTINGS)).isEqualTo(20_000);
        figures = SqlFigures.on(source);
    }


    @Test
    void namespacesSignUpOnTheSixtyDaysBeforeNowInIdOrder() {
        assertThat(figures.count("select count(*) from onboarding_progresses")).isEqualTo(20_000);
        assertThat(figures.count("select count(distinct namespace_id) from onboarding_progresses")).isEqualTo(20_000);
        assertThat(figures.count("""
                select count(*) from onboarding_progresses
                where created_at < timestamptz '2026-09-02 00:00Z' or created_at >= timestamptz '2026-11-01 00:00Z'
                """)).isZero();
        assertThat(figures.count("select count(distinct (created_at at time zone 'UTC')::date) from onboarding_progresses"))
                .isEqualTo(60);
        assertThat(figures.count("""
                select count(*) from (select created_at < lag(created_at) over (order by id) as earlier
                                      from onboarding_progresses) t
                where earlier""")).isZero();
    }

    @Test
    void weekdaysAreBusierThanWeekendsAndSignupsGrow() {
        Map<String, Object> perDay = figures.row("""
                select avg(n) filter (where extract(isodow from day) < 6) as weekday,
                       avg(n) filter (where extract(isodow from day) >= 6) as weekend
                from (select (created_at at time zone 'UTC')::date as day, count(*) as n
                      from onboarding_progresses group by 1) days""");
        assertThat(SqlFigures.number(perDay, "weekday")).isGreaterThan(1.8 * SqlFigures.number(perDay, "weekend"));

        // Two spans of four whole weeks hold the same weekdays: only growth tells them apart.
        double firstWeeks = figures.count("""
                select count(*) from onboarding_progresses where created_at < timestamptz '2026-09-30 00:00Z'""");
        double lastWeeks = figures.count("""
                select count(*) from onboarding_progresses where created_at >= timestamptz '2026-10-04 00:00Z'""");
        assertThat(lastWeeks / firstWeeks).isBetween(1.08, 1.4);
    }

    @Test
    void eachActionHappensAboutAsOftenAsInRealOnboarding() {
        // Shares of all rows, so below the model's chances where young namespaces have not got there yet.
        Map<String, double[]> bands = Map.ofEntries(
                Map.entry("git_write", new double[] {0.55, 0.68}),
                Map.entry("merge_request_created", new double[] {0.32, 0.44}),
                Map.entry("pipeline_created", new double[] {0.27, 0.38}),
                Map.entry("user_added", new double[] {0.22, 0.32}),
                Map.entry("trial_started", new double[] {0.08, 0.14}),
                Map.entry("subscription_created", new double[] {0.01, 0.04}),
                Map.entry("required_mr_approvals_enabled", new double[] {0.01, 0.04}),
                Map.entry("code_owners_enabled", new double[] {0.007, 0.03}),
                Map.entry("scoped_label_created", new double[] {0.015, 0.045}),
                Map.entry("security_scan_enabled", new double[] {0.012, 0.04}),
                Map.entry("issue_created", new double[] {0.37, 0.48}),
                Map.entry("issue_auto_closed", new double[] {0.03, 0.08}),
                Map.entry("repository_imported", new double[] {0.09, 0.15}),
                Map.entry("repository_mirrored", new double[] {0.015, 0.045}),
                Map.entry("secure_dependency_scanning_run", new double[] {0.01, 0.03}),
                Map.entry("secure_dast_run", new double[] {0.002, 0.015}));
        assertThat(bands.keySet()).containsExactlyInAnyOrderElementsOf(ACTIONS);
        for (String action : ACTIONS) {
            double share = figures.count("select count(" + action + "_at) from onboarding_progresses") / 20_000.0;
            assertThat(share).as(action).isBetween(bands.get(action)[0], bands.get(action)[1]);
        }
    }

    @Test
    void adoptionRisesFastThenFlattens() {
        Map<String, Object> byAge = figures.row("""
                select avg((git_write_at <= created_at + interval '1 day')::int) as day,
                       avg((git_write_at <= created_at + interval '7 days')::int) as week,
                       avg((git_write_at <= created_at + interval '30 days')::int) as month
                from onboarding_progresses
                where git_write_at >= created_at and created_at < timestamptz '2026-09-20 00:00Z'""");
        assertThat(SqlFigures.number(byAge, "day")).isBetween(0.4, 0.6);
        assertThat(SqlFigures.number(byAge, "week")).isBetween(0.85, 0.95);
        assertThat(SqlFigures.number(byAge, "month")).isBetween(0.97, 1.0);
    }

    @Test
    void laterStepsFollowEarlierOnes() {
        Map<String, Object> rates = figures.row("""
                select avg((merge_request_created_at is not null)::int) filter (where git_write_at is not null)
                           as merge_request_after_git_write,
                       avg((merge_request_created_at is not null)::int) filter (where git_write_at is null)
                           as merge_request_without_git_write,
                       avg((pipeline_created_at is not null)::int) filter (where merge_request_created_at is not null)
                           as pipeline_after_merge_request,
                       avg((pipeline_created_at is not null)::int) filter (where merge_request_created_at is null)
                           as pipeline_without_merge_request
                from onboarding_progresses where created_at < timestamptz '2026-10-01 00:00Z'""");
        assertThat(SqlFigures.number(rates, "merge_request_after_git_write"))
                .isGreaterThan(3 * SqlFigures.number(rates, "merge_request_without_git_write"));
        assertThat(SqlFigures.number(rates, "pipeline_after_merge_request"))
                .isGreaterThan(3 * SqlFigures.number(rates, "pipeline_without_merge_request"));
    }

    @Test
    void companiesWriteAndTryMoreOftenAndNamespacesGiveTypeAndCountry() {
        Map<String, Object> company = figures.row("""
                select avg((setup_for_company is null)::int) as unanswered,
                       avg(setup_for_company::int) as company,
                       avg((git_write_at is not null)::int) filter (where setup_for_company) as company_git_write,
                       avg((git_write_at is not null)::int) filter (where not setup_for_company) as other_git_write,
                       avg((trial_started_at is not null)::int) filter (where setup_for_company) as company_trial,
                       avg((trial_started_at is not null)::int) filter (where not setup_for_company) as other_trial
                from onboarding_progresses""");
        assertThat(SqlFigures.number(company, "unanswered")).isBetween(0.08, 0.12);
        assertThat(SqlFigures.number(company, "company")).isBetween(0.30, 0.37);
        assertThat(SqlFigures.number(company, "company_git_write"))
                .isGreaterThan(SqlFigures.number(company, "other_git_write") + 0.05);
        assertThat(SqlFigures.number(company, "company_trial"))
                .isGreaterThan(1.5 * SqlFigures.number(company, "other_trial"));

        Map<String, Object> namespaces = figures.row("""
                select count(*) filter (where n.id is null) as missing,
                       avg((n.type = 'Group')::int) filter (where o.setup_for_company) as company_groups,
                       avg((n.type = 'Group')::int) filter (where not o.setup_for_company) as other_groups,
                       avg((n.country_code is null)::int) as no_country,
                       count(distinct n.country_code) as countries,
                       avg((n.country_code = 'US')::int) filter (where n.country_code is not null) as us
                from onboarding_progresses o left join namespaces n on n.id = o.namespace_id""");
        assertThat(SqlFigures.number(namespaces, "missing")).isBetween(250.0, 550.0);
        assertThat(SqlFigures.number(namespaces, "company_groups")).isBetween(0.75, 0.85);
        assertThat(SqlFigures.number(namespaces, "other_groups")).isBetween(0.25, 0.35);
        assertThat(SqlFigures.number(namespaces, "no_country")).isBetween(0.03, 0.07);
        assertThat(SqlFigures.number(namespaces, "countries")).isEqualTo(14.0);
        assertThat(SqlFigures.number(namespaces, "us")).isBetween(0.23, 0.29);
        assertThat(figures.count("select count(*) from namespaces n where not exists "
                + "(select 1 from onboarding_progresses o where o.namespace_id = n.id)")).isZero();
    }

    @Test
    void subscriptionsComeOnlyAfterATrial() {
        assertThat(figures.count("""
                select count(*) from onboarding_progresses
                where subscription_created_at is not null
                  and (trial_started_at is null or subscription_created_at <= trial_started_at)""")).isZero();
        double perTrial = figures.count("select count(subscription_created_at) from onboarding_progresses")
                / (double) figures.count("select count(trial_started_at) from onboarding_progresses");
        assertThat(perTrial).isBetween(0.1, 0.35);
    }

    @Test
    void aboutOnePercentOfRowsAreMessyInEachDocumentedWay() {
        // Expected of 20,000 rows: 60 before creation, 50 out of order, 30 equal, 20 at creation.
        assertThat(figures.count("select count(*) from onboarding_progresses where least(" + COLUMNS + ") < created_at"))
                .as("an action before creation").isBetween(30L, 100L);
        assertThat(figures.count("""
                select count(*) from onboarding_progresses
                where merge_request_created_at < git_write_at or pipeline_created_at < merge_request_created_at"""))
                .as("out of order").isBetween(25L, 80L);
        assertThat(figures.count("""
                select count(*) from onboarding_progresses
                where git_write_at = merge_request_created_at or merge_request_created_at = pipeline_created_at"""))
                .as("equal").isBetween(12L, 55L);
        assertThat(figures.count("""
                select count(*) from onboarding_progresses
                where git_write_at = created_at or repository_imported_at = created_at
                   or issue_created_at = created_at""")).as("at creation").isBetween(8L, 40L);
    }

    @Test
    void nothingHappensAfterNowButTheMessyFutureActions() {
        String actionsAfterNow = ACTIONS.stream().map(a -> "coalesce(" + a + "_at > :now, false)::int")
                .collect(Collectors.joining(" + "));
        List<Map<String, Object>> rows = figures.jdbc().sql("select " + actionsAfterNow + " as after_now, "
                        + "coalesce(user_added_at > :now or issue_created_at > :now, false) as documented "
                        + "from onboarding_progresses where greatest(" + COLUMNS + ") > :now")
                .param("now", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC))
                .query().listOfRows();
        // Expected: 40 of 20,000.
        assertThat(rows).hasSizeBetween(15, 70).allSatisfy(row -> {
            assertThat(row.get("after_now")).isEqualTo(1);
            assertThat(row.get("documented")).isEqualTo(true);
        });
    }

    @Test
    void updatedAtIsTheLatestActionThatHasHappened() {
        String happened = ACTIONS.stream().map(a -> "case when " + a + "_at <= :now then " + a + "_at end")
                .collect(Collectors.joining(", "));
        assertThat(figures.jdbc().sql("select count(*) from onboarding_progresses "
                        + "where updated_at is distinct from greatest(created_at, " + happened + ")")
                .param("now", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC))
                .query(Long.class).single()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        String fingerprint = "select md5((select string_agg(t::text, '|' order by id) from onboarding_progresses t)"
                + " || (select string_agg(n::text, '|' order by id) from namespaces n))";
        String first = figures.jdbc().sql(fingerprint).query(String.class).single();
        DataSource again = TestDatabase.newEmptySource();
        JdbcClient repeat = JdbcClient.create(again);

        SyntheticOnboardingData.generate(again, SETTINGS);
        assertThat(repeat.sql(fingerprint).query(String.class).single()).isEqualTo(first);

        SyntheticOnboardingData.generate(again, new SyntheticOnboardingData.Settings(20_000, 60, 8, NOW));
        assertThat(repeat.sql(fingerprint).query(String.class).single()).isNotEqualTo(first);
    }

    @Test
    void generatesExactlyTheNamespacesAskedFor() {
        // Splitting the rows over the days by floating-point shares used to lose the last row for about one seed
        // in ten (999 of 1,000).
        DataSource small = TestDatabase.newEmptySource();
        for (long seed = 0; seed < 10; seed++) {
            var settings = new SyntheticOnboardingData.Settings(1_000, 30, seed, NOW);
            assertThat(SyntheticOnboardingData.generate(small, settings)).as("seed %d", seed).isEqualTo(1_000);
        }
    }

    @Test
    void generatesAHundredThousandNamespacesQuickly() {
        DataSource large = TestDatabase.newEmptySource();
        long started = System.nanoTime();
        long rows = SyntheticOnboardingData.generate(large,
                new SyntheticOnboardingData.Settings(100_000, 180, 42, NOW));
        System.out.printf("generated %,d namespaces over 180 days in %.2f s%n", rows,
                (System.nanoTime() - started) / 1e9);
        assertThat(rows).isEqualTo(100_000);
    }

    @Test
    void sourceSchemaGoesIntoADatabaseThatHoldsOtherTablesAndIsAppliedOnce() {
        DataSource scratch = TestDatabase.dataSource(TestDatabase.newDatabaseUrl());
        JdbcClient client = JdbcClient.create(scratch);
        client.sql("create table flyway_schema_history (installed_rank int)").update();

        SourceSchema.migrate(scratch);
        SourceSchema.migrate(scratch);

        assertThat(client.sql("select count(*) from onboarding_progresses").query(Long.class).single()).isZero();
        assertThat(client.sql("select count(*) from flyway_schema_history").query(Long.class).single()).isZero();
    }

    @Test
    void settingsNeedANamespaceAndADay() {
        assertThatThrownBy(() -> new SyntheticOnboardingData.Settings(0, 60, 7, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticOnboardingData.Settings(10, 0, 7, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
