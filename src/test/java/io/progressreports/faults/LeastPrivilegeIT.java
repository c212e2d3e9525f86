package io.progressreports.faults;

import io.progressreports.CliProcess;
import io.progressreports.SqlProbe;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SELECT grant revoked while a run is under way, in a process of its own; the rest of the least-privilege cases
 * run in the test JVM ({@link LeastPrivilegeTest}).
 */
class LeastPrivilegeIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    private static LeastPrivilegeTest.Roles roles;

    @TempDir
    Path out;

    @BeforeAll
    static void createRoles() {
        roles = LeastPrivilegeTest.Roles.create();
    }

    @Test
    void aGrantRevokedMidRunIsExit77InOneLineAndTheRerunAfterTheGrantFinishes() {
        String source = LeastPrivilegeTest.as(roles.sourceUrl(), "reports_revoked");
        String store = TestDatabase.newStoreUrl();
        String[] command = {"run", "onboarding-funnel", "--source-url", source, "--store-url", store, "--out",
                out.toString(), "--from", "2026-09-27", "--to", "2026-10-31", "--as-of", "2026-11-01T00:00:00Z",
                "--chunk-size", "10", "--threads", "1", "--partition-days", "1"};
        try (CliProcess run = CliProcess.start(out.resolve("logs"), command)) {
            try (SqlProbe probe = SqlProbe.of(store)) {
                run.awaitWhileRunning(RUN_TIMEOUT, () -> probe.ask(LeastPrivilegeIT::spansDone) >= 2);
            }
            TestDatabase.jdbc(roles.adminSourceUrl()).execute("revoke select on onboarding_progresses from reports_revoked");
            try {
                assertThat(run.waitFor(RUN_TIMEOUT)).as(run.stderr()).isEqualTo(ExitCodes.PERMISSION);
            } finally {
                TestDatabase.jdbc(roles.adminSourceUrl()).execute("grant select on onboarding_progresses to reports_revoked");
            }
            assertThat(LeastPrivilegeTest.errorLines(run.stderr())).as(run.stderr()).singleElement().asString()
                    .startsWith("progress-reports: source jdbc:postgresql:").contains("onboarding_progresses")
                    .contains("permission denied");
            assertThat(run.stderr()).doesNotContain("\tat ");
        }
        try (CliProcess rerun = CliProcess.start(out.resolve("logs"), command)) {
            assertThat(rerun.waitFor(RUN_TIMEOUT)).as(rerun.stderr()).isZero();
        }
    }

    /** Partitions of the running execution that completed; 0 before it starts. */
    private static int spansDone(JdbcTemplate jdbc) {
        if (jdbc.queryForObject("select to_regclass('batch_step_execution') is null", Boolean.class)) {
            return 0;
        }
        return jdbc.queryForObject("""
                select count(*)::int from batch_step_execution
                where step_name like '%:span-%' and status = 'COMPLETED'
                  and job_execution_id = (select max(job_execution_id) from batch_job_execution
                                          where status = 'STARTED')""", Integer.class);
    }
}
