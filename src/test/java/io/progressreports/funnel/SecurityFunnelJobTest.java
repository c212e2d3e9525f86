package io.progressreports.funnel;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.report.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.progressreports.OracleChecks.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

/** A second funnel is a job file, not code: jobs/security-funnel.yml runs end to end as it is. */
class SecurityFunnelJobTest {

    @TempDir
    Path out;

    @Test
    void theSecurityFunnelRunsFromItsJobFile() throws IOException {
        int exit = ProgressReportsCommand.execute("run", "security-funnel", "--source-url",
                TestDatabase.seededSourceUrl(), "--store-url", TestDatabase.newStoreUrl(), "--out", out.toString(),
                "--as-of", "2026-11-01T00:00:00Z");

        assertThat(exit).isZero();
        var rows = readCsv(out.resolve("security-funnel/latest/funnel.csv"), Column.names(FunnelReportFiles.FUNNEL));
        assertThat(rows.stream().map(row -> row.get("step")).distinct().toList()).containsExactly("created",
                "merge_request_created", "required_mr_approvals_enabled", "code_owners_enabled",
                "security_scan_enabled");
        // Monthly cohorts over the job file's last 90 days: August (clipped) to October.
        assertThat(rows.stream().map(row -> row.get("cohort_start")).distinct().toList())
                .containsExactly("2026-08-03", "2026-09-01", "2026-10-01");
    }
}
