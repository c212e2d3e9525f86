package io.progressreports.check;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.demo.SourceSchema;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** check against real PostgreSQL databases built to be right, or wrong in one way each. */
class CheckCommandTest {

    private static final AtomicInteger ROLES = new AtomicInteger();
    private static String store;

    @TempDir
    Path dir;

    private String sourceUrl;
    private JdbcTemplate source;

    @BeforeAll
    static void createStore() {
        store = TestDatabase.newStoreUrl();
    }

    /** Every table, column and index the jobs read, as the source schema has them. */
    @BeforeEach
    void createSource() {
        sourceUrl = TestDatabase.newDatabaseUrl();
        source = TestDatabase.jdbc(sourceUrl);
        SourceSchema.migrate(TestDatabase.dataSource(sourceUrl));
        // The demo schema leaves it out, so that the suite's transfer runs prove the deployments pass without it.
        source.execute("create index deployment_steps_deployment_id_idx on deployment_steps (deployment_id)");
    }

    /** A login role of its own with the given grants on every source table, and the URL that connects as it. */
    private String role(String grants) {
        String role = "check_role_" + ROLES.incrementAndGet();
        source.execute("create role " + role + " login password 'secret-" + role + "'");
        source.execute("grant " + grants + " on all tables in schema public to " + role);
        // TestDatabase's URLs connect as the superuser postgres.
        return sourceUrl.replace("user=postgres", "user=" + role + "&password=secret-" + role);
    }

    private CliRun check(String sourceUrl, String... args) {
        var command = new ArrayList<>(List.of("check", "--source-url", sourceUrl, "--store-url", store, "--out",
                dir.resolve("reports").toString()));
        command.addAll(List.of(args));
        return CliRun.of(command);
    }

    @Test
    void aCleanSourceReadByAReadOnlyRoleGivesOnlyOkLines() {
        CliRun check = check(role("select"));

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        List<String> lines = check.lines();
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.startsWith("ok "));
        assertThat(lines).contains(
                "ok     onboarding-funnel: job file loads (funnel)",
                "ok     transfer-speed: job file loads (transfer-speed)",
                "ok     onboarding-funnel: onboarding_progresses has the columns the job reads",
                "ok     transfer-speed: deployment_step_timings has an index leading with finished_at");
        assertThat(lines).anyMatch(line -> line.startsWith("ok     store: "))
                .anyMatch(line -> line.startsWith("ok     output: "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("check: 0 errors, 0 warnings");
        assertThat(check.out()).doesNotContain("secret-");
    }

    @Test
    void aMissingStepColumnIsAnErrorNamingIt() {
        source.execute("alter table onboarding_progresses drop column pipeline_created_at");

        CliRun check = check(role("select"));

        assertThat(check.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.lines()).contains("error  onboarding-funnel: column onboarding_progresses.pipeline_created_at "
                + "does not exist (step pipeline_created)");
        assertThat(check.lines().get(check.lines().size() - 1)).isEqualTo("check: 1 error, 0 warnings");
    }

    @Test
    void aMissingTableIsAnError() {
        source.execute("drop table deployment_step_timings");

        CliRun check = check(role("select"), "transfer-speed");

        assertThat(check.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.lines()).contains(
                "error  transfer-speed: table 'deployment_step_timings' not found in the source database");
    }

    @Test
    void aMissingIndexIsAWarningWithTheStatementThatCreatesIt() {
        source.execute("drop index onboarding_progresses_created_at_idx");

        // One job: security-funnel reads the same table and would warn too.
        CliRun check = check(role("select"), "onboarding-funnel");

        assertThat(check.exitCode()).isZero();
        assertThat(check.lines()).anyMatch(line -> line.startsWith("warning onboarding-funnel: ")
                && line.endsWith("CREATE INDEX CONCURRENTLY ON \"public\".\"onboarding_progresses\" "
                + "(\"created_at\");"));
        assertThat(check.lines().get(check.lines().size() - 1)).isEqualTo("check: 0 errors, 1 warning");
    }

    /** Before, a created_at of type text passed check, and run failed after reading with exit 70. */
    @Test
    void aColumnOfATypeTheJobCannotReadIsAnErrorNamingTheType() {
        source.execute("alter table onboarding_progresses alter column created_at type text");
        source.execute("alter table deployment_steps alter column step type integer using 0");

        CliRun check = check(role("select"));

        assertThat(check.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.lines()).contains(
                "error  onboarding-funnel: table public.onboarding_progresses column 'created_at' is text, "
                        + "not a timestamp",
                "error  transfer-speed: table public.deployment_steps column 'step' is integer, not text (text, "
                        + "varchar or char)");
    }

    @Test
    void naiveTimestampColumnsAreListedWithTheZoneTheyAreReadIn() {
        source.execute("alter table deployment_step_timings alter column started_at type timestamp, "
                + "alter column finished_at type timestamp");

        CliRun check = check(role("select"), "transfer-speed");

        assertThat(check.exitCode()).isZero();
        assertThat(check.lines()).contains("ok     transfer-speed: deployment_step_timings has timestamp without "
                + "time zone columns (started_at, finished_at): read as wall times in UTC (source-zone)");
    }

    @Test
    void aWebhookVariableThatIsNotSetIsAWarning() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("alerting.yml"), "kind: funnel\nsteps: [git_write]\nalerts:\n  rules: "
                + "[\"conversion to git_write below 10%\"]\n  webhook-env: ALERTS_CHECK_UNSET_VARIABLE\n");

        CliRun check = check(role("select"), "--jobs-dir", jobs.toString());

        assertThat(check.lines()).contains("warning alerting: alerts.webhook-env names ALERTS_CHECK_UNSET_VARIABLE, "
                + "which is not set here, so broken rules would not be posted (set it where cron or the scheduler "
                + "runs)");
        assertThat(check.exitCode()).isZero();
    }

    /** A breakdown's joined table is checked as run checks it: its columns, and a unique key to join on. */
    @Test
    void aBreakdownsTableIsCheckedForItsColumnsAndItsUniqueKey() throws IOException {
        source.execute("create table plans (namespace_id bigint, plan text)");
        source.execute("create view namespace_types as select id, type from namespaces");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        String funnel = "kind: funnel\nsteps: [git_write]\nbreakdown: ";
        Files.writeString(jobs.resolve("by-type.yml"), funnel + "{column: type, table: namespaces}\n");
        Files.writeString(jobs.resolve("by-plan.yml"), funnel + "{column: plan, table: plans, table-key: namespace_id}\n");
        Files.writeString(jobs.resolve("by-view.yml"), funnel + "{column: type, table: namespace_types}\n");
        Files.writeString(jobs.resolve("by-nothing.yml"), funnel + "{column: kind, table: namespaces}\n");
        Files.writeString(jobs.resolve("by-own.yml"), funnel + "{column: setup_for_company}\n");

        CliRun check = check(role("select"), "--jobs-dir", jobs.toString());

        assertThat(check.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.lines()).contains(
                "ok     by-type: namespaces has the columns the job reads",
                "ok     by-type: namespaces has a unique key on id",
                "error  by-plan: table public.plans has no primary key or unique index on (namespace_id) alone, so a"
                        + " join on it could count a namespace twice; create one, e.g. CREATE UNIQUE INDEX "
                        + "CONCURRENTLY ON \"public\".\"plans\" (\"namespace_id\");",
                "error  by-view: public.namespace_types is a view (or foreign table): PostgreSQL keeps no unique "
                        + "index on it, so a join on id could count a namespace twice; join the table it reads instead",
                "error  by-nothing: table public.namespaces has no column 'kind'",
                "ok     by-own: onboarding_progresses has the columns the job reads");
    }

    /**
     * The deployments pass (deployment_remaining.csv) finds a deployment's steps by deployment_id: without an index
     * leading with it, each run scans the steps table the job file names.
     */
    @Test
    void aStepsTableWithoutAnIndexOnDeploymentIdGetsTheStatementThatCreatesIt() throws IOException {
        source.execute("drop index deployment_steps_deployment_id_idx");
        source.execute("create table app_steps (like deployment_steps including indexes)");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("app-transfers.yml"), "kind: transfer-speed\nsteps-table: app_steps\n");

        CliRun check = check(role("select"), "--jobs-dir", jobs.toString());

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.lines()).contains("warning app-transfers: app_steps has no index leading with deployment_id, "
                + "so runs scan the table; create one: CREATE INDEX CONCURRENTLY ON \"public\".\"app_steps\" "
                + "(\"deployment_id\");", "ok     app-transfers: app_steps has an index leading with updated_at");
        assertThat(check.lines().get(check.lines().size() - 1)).isEqualTo("check: 0 errors, 1 warning");

        source.execute("create index on app_steps (deployment_id)");
        assertThat(check(role("select"), "--jobs-dir", jobs.toString()).lines()).contains(
                "ok     app-transfers: app_steps has an index leading with deployment_id");
    }

    /** Before, check proposed CREATE INDEX CONCURRENTLY on the view, which PostgreSQL refuses. */
    @Test
    void aViewGetsIndexAdviceForTheTableItReadsOrNone() throws IOException {
        source.execute("drop index onboarding_progresses_created_at_idx");
        source.execute("create view progress_view as select * from onboarding_progresses");
        source.execute("create view joined_view as select p.id, p.namespace_id, least(p.created_at, d.created_at) as created_at, "
                + "p.git_write_at "
                + "from onboarding_progresses p join deployments d on d.id = p.id");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("over-view.yml"), "kind: funnel\ntable: progress_view\nsteps: [git_write]\n");
        Files.writeString(jobs.resolve("over-join.yml"), "kind: funnel\ntable: joined_view\nsteps: [git_write]\n");

        CliRun check = check(role("select"), "--jobs-dir", jobs.toString());

        assertThat(check.out()).doesNotContain("\"progress_view\" (", "\"joined_view\" (");
        assertThat(check.lines()).contains("warning over-view: progress_view has no index leading with created_at "
                + "(in public.onboarding_progresses, the table the view reads), so runs scan the table; create one: "
                + "CREATE INDEX CONCURRENTLY ON \"public\".\"onboarding_progresses\" (\"created_at\");");
        assertThat(check.lines()).contains("warning over-join: joined_view is a view whose created_at the catalog "
                + "cannot follow to one table, so check cannot advise an index: without one on the column it comes "
                + "from, runs scan the table");

        source.execute("create index on onboarding_progresses (created_at)");
        assertThat(check(role("select"), "--jobs-dir", jobs.toString(), "over-view").lines()).contains(
                "ok     over-view: progress_view has an index leading with created_at (in "
                        + "public.onboarding_progresses, the table the view reads)");
    }

    @Test
    void aRoleThatCanWriteIsAWarning() {
        CliRun check = check(role("select, insert, delete"), "onboarding-funnel");

        assertThat(check.exitCode()).isZero();
        assertThat(check.lines()).anyMatch(line -> line.startsWith("warning onboarding-funnel: role check_role_")
                && line.endsWith(" can INSERT, DELETE on public.onboarding_progresses; the job needs only SELECT"));
    }

    @Test
    void anUnreachableSourceExits69AndTheRestIsStillChecked() {
        // How long an unreachable server may take is UnavailableResourcesIT's (the pool's connection timeout).
        CliRun check = check("jdbc:postgresql://127.0.0.1:1/source?user=reports&password=hunter2");

        assertThat(check.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(check.lines()).anyMatch(line -> line.startsWith("error  source: cannot connect to "
                + "jdbc:postgresql://127.0.0.1:1/source?user=reports&password=***: "));
        assertThat(check.lines()).anyMatch(line -> line.startsWith("ok     store: "));
        assertThat(check.out() + check.err()).doesNotContain("hunter2");
    }

    @Test
    void anOutputFolderThatIsAFileExits73() throws IOException {
        Path file = Files.writeString(dir.resolve("reports"), "");

        CliRun check = check(role("select"));

        assertThat(check.exitCode()).isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(check.lines()).contains("error  output: cannot write to " + file + ": it is a file, not a folder");
    }

    @Test
    void aJobFileThatDoesNotLoadIsAnErrorNamingItsLine() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("broken.yml"), "kind: funnel\nstepz: [git_write]\n");

        CliRun check = check(role("select"), "--jobs-dir", jobs.toString());

        assertThat(check.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.lines()).anyMatch(line -> line.startsWith("error  broken: " + jobs.resolve("broken.yml")
                + " line ") && line.contains(": unknown key 'stepz'"));
    }
}
