package io.progressreports.faults;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both jobs run with a source role that has SELECT on the source tables and nothing else, and a store role that
 * cannot even connect to the source database. The revoke in the middle of a run, in a process of its own, is
 * {@link LeastPrivilegeIT}.
 */
class LeastPrivilegeTest {

    private static Roles roles;
    private static String sourceUrl;
    private static String storeUrl;

    @TempDir
    Path out;

    @BeforeAll
    static void createRoles() {
        roles = Roles.create();
        sourceUrl = roles.sourceUrl();
        storeUrl = roles.storeUrl();
    }

    @Test
    void theRolesCanDoNoMoreThanTheJobsNeed() {
        assertThatThrownBy(() -> TestDatabase.jdbc(sourceUrl).update(
                "delete from onboarding_progresses where id < 0")).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> TestDatabase.jdbc(as(sourceUrl, "reports_store")).queryForObject("select 1",
                Integer.class)).rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void bothJobsRunWithASelectOnlySourceRole() {
        for (String job : new String[] {"onboarding-funnel", "transfer-speed"}) {
            int exit = ProgressReportsCommand.execute("run", job, "--source-url", sourceUrl, "--store-url", storeUrl,
                    "--out", out.toString(), "--last", "30", "--as-of", "2026-11-01T00:00:00Z");
            assertThat(exit).as(job).isZero();
            assertThat(Files.isSymbolicLink(out.resolve(job).resolve("latest"))).as(job).isTrue();
        }
    }

    @Test
    void aMissingSelectGrantIsExit77InOneLineNamingTheSourceAndTheTable() {
        CliRun run = CliRun.of(List.of("run", "transfer-speed", "--source-url", as(sourceUrl, "reports_no_grant"),
                "--store-url", TestDatabase.newStoreUrl(), "--out", out.toString(), "--last", "30", "--as-of",
                "2026-11-01T00:00:00Z"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PERMISSION);
        assertThat(errorLines(run.err())).as(run.err()).singleElement().asString()
                .startsWith("progress-reports: source jdbc:postgresql:").contains("/" + database(sourceUrl))
                .contains("deployment_step_timings").contains("permission denied");
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(out.resolve("transfer-speed")).doesNotExist();
    }

    @Test
    void aStatementTimeoutIsExit69InOneLineNamingTheSourceAndTheTable() throws SQLException {
        // A schema change holds the table: the reader's query waits until the role's statement_timeout cancels it.
        try (Connection admin = TestDatabase.jdbc(roles.adminSourceUrl()).getDataSource().getConnection()) {
            admin.setAutoCommit(false);
            admin.createStatement().execute("lock table onboarding_progresses in access exclusive mode");
            CliRun run = CliRun.of(List.of("run", "onboarding-funnel", "--source-url",
                    as(sourceUrl, "reports_impatient"), "--store-url", TestDatabase.newStoreUrl(), "--out",
                    out.toString(), "--last", "30", "--as-of", "2026-11-01T00:00:00Z"));
            admin.rollback();
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(errorLines(run.err())).as(run.err()).singleElement().asString()
                    .startsWith("progress-reports: source jdbc:postgresql:").contains("onboarding_progresses")
                    .contains("statement timeout");
            assertThat(run.err()).doesNotContain("\tat ");
        }
    }

    static List<String> errorLines(String stderr) {
        return stderr.lines().filter(line -> line.startsWith("progress-reports: ")).toList();
    }

    /**
     * The source database and the roles the tests connect as: the source's owner, a reader with SELECT on the source
     * tables and nothing else, roles missing a grant or with a statement timeout, and a store role that owns its
     * store database and cannot connect to the source. Roles are the server's, so one class per test JVM makes them.
     */
    record Roles(String adminSourceUrl, String sourceUrl, String storeUrl) {

        static Roles create() {
            String adminSource = TestDatabase.newSourceUrl(2_000, 40, 40);
            String sourceDb = database(adminSource);
            JdbcTemplate admin = TestDatabase.jdbc(adminSource);
            admin.execute("""
                    create role reports_reader login;
                    create role reports_store login;
                    revoke connect on database %1$s from public;
                    grant connect on database %1$s to reports_reader;
                    grant usage on schema public to reports_reader;
                    grant select on onboarding_progresses, deployment_steps, deployment_step_timings to reports_reader;
                    create role reports_no_grant login;
                    grant connect on database %1$s to reports_no_grant;
                    grant usage on schema public to reports_no_grant;
                    grant select on deployment_steps to reports_no_grant;
                    create role reports_revoked login;
                    grant connect on database %1$s to reports_revoked;
                    grant usage on schema public to reports_revoked;
                    grant select on onboarding_progresses to reports_revoked;
                    create role reports_impatient login;
                    grant connect on database %1$s to reports_impatient;
                    grant usage on schema public to reports_impatient;
                    grant select on onboarding_progresses to reports_impatient;
                    alter role reports_impatient set statement_timeout = '2s';
                    """.formatted(sourceDb));
            String adminStore = TestDatabase.newDatabaseUrl();
            admin.execute("alter database " + database(adminStore) + " owner to reports_store");
            return new Roles(adminSource, as(adminSource, "reports_reader"), as(adminStore, "reports_store"));
        }
    }

    static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    /** The same database, connecting as another role. */
    static String as(String url, String role) {
        return url.replaceFirst("user=[^&]*", "user=" + role);
    }
}
