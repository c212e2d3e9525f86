package io.progressreports.faults;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both jobs run with a source role that has SELECT on the source tables and nothing else, and a store role that
 * cannot even connect to the source database.
 */
class LeastPrivilegeTest {

    private static String sourceUrl;
    private static String storeUrl;

    @TempDir
    Path out;

    @BeforeAll
    static void createRoles() {
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
                """.formatted(sourceDb));
        String adminStore = TestDatabase.newDatabaseUrl();
        admin.execute("alter database " + database(adminStore) + " owner to reports_store");
        sourceUrl = as(adminSource, "reports_reader");
        storeUrl = as(adminStore, "reports_store");
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

    private static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    /** The same database, connecting as another role. */
    private static String as(String url, String role) {
        return url.replaceFirst("user=[^&]*", "user=" + role);
    }
}
