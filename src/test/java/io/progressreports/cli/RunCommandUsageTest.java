package io.progressreports.cli;

import io.progressreports.CapturedErr;
import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad flags: one line naming the bad value, exit 64, and no report written. */
class RunCommandUsageTest {

    @TempDir
    Path out;

    @RegisterExtension
    final CapturedErr err = new CapturedErr();

    private int run(String... flags) {
        var args = new ArrayList<>(List.of("run", "onboarding-funnel", "--out", out.toString(),
                "--source-url", TestDatabase.seededSourceUrl(), "--store-url", TestDatabase.newStoreUrl()));
        args.addAll(List.of(flags));
        return ProgressReportsCommand.execute(args.toArray(String[]::new));
    }

    private String errorLine() {
        return err.errorLines().stream().reduce((a, b) -> b).orElse("");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--steps|git_write,no_such_action|no_such_action",
            "--steps|git_write,git_write|git_write",
            "--steps|git_write,,pipeline_created|git_write,,pipeline_created",
            "--window|30x|30x",
            "--window|0d|0d",
            "--window|99999d|99999d",
            "--from|2026-13-01|2026-13-01",
            "--date|yesterday|yesterday",
            "--as-of|2026-11-01|2026-11-01",
            "--zone|Mars/Olympus|Mars/Olympus",
            "--grain|year|year",
            "--order|random|random",
            "--last|0|0",
    })
    void aBadValueIsNamedInOneLineWithExit64AndNothingWritten(String flag, String value, String named) {
        String[] extra = flag.equals("--from") ? new String[] {flag, value, "--to", "2026-12-01"}
                : new String[] {flag, value};
        assertThat(run(extra)).isEqualTo(ExitCodes.USAGE);
        assertThat(errorLine()).contains(named);
        assertThat(out.resolve("onboarding-funnel")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"--steps,git_write", "--breakdown,none", "--dropoffs,"})
    void aFunnelFlagOnATransferJobIsRefusedBeforeAnythingStarts(String flag, String value) throws Exception {
        var args = new ArrayList<>(List.of("run", "transfer-speed", "--out", out.toString(), flag));
        if (value != null) {
            args.add(value);
        }
        assertThat(ProgressReportsCommand.execute(args.toArray(String[]::new))).isEqualTo(ExitCodes.USAGE);
        assertThat(errorLine()).isEqualTo("progress-reports: " + flag + " applies to funnel jobs only, and "
                + "transfer-speed is a transfer-speed job");
        assertThat(Files.list(out)).isEmpty();
    }

    @Test
    void helpExplainsTheFlagsOfEveryKindAfterTheCommonOnes() {
        CliRun help = CliRun.of(List.of("run", "--help"));
        assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(help.out()).doesNotContain("WARN").contains("For funnel jobs only:", "--steps=A,B,C", "Funnel steps after 'created'", "--breakdown=SEGMENT",
                "--dropoffs", "Also write dropoffs.csv");
        assertThat(help.out().indexOf("--latest")).isLessThan(help.out().indexOf("For funnel jobs only:"));
    }

    @Test
    void fromAfterToIsRefused() {
        assertThat(run("--from", "2026-11-02", "--to", "2026-11-01")).isEqualTo(ExitCodes.USAGE);
        assertThat(errorLine()).contains("--from 2026-11-02 is after --to 2026-11-01");
        assertThat(out.resolve("onboarding-funnel")).doesNotExist();
    }

    @Test
    void anUnknownJobNamesTheJobsThereAre() throws Exception {
        assertThat(ProgressReportsCommand.execute("run", "no-such-job", "--out", out.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(errorLine()).contains("unknown job 'no-such-job'").contains("onboarding-funnel");
        assertThat(Files.list(out)).isEmpty();
    }

    @Test
    void anUnknownActionFromAJobFileNamesTheFileAndTheLineOfSteps(@TempDir Path jobs) throws Exception {
        Path file = jobs.resolve("odd-funnel.yml");
        Files.writeString(file, "kind: funnel\n# the steps:\nsteps: [git_write, no_such_action]\n");
        assertThat(ProgressReportsCommand.execute("run", "odd-funnel", "--jobs-dir", jobs.toString(), "--out",
                out.toString(), "--source-url", TestDatabase.seededSourceUrl(), "--store-url",
                TestDatabase.newStoreUrl())).isEqualTo(ExitCodes.USAGE);
        assertThat(errorLine()).startsWith("progress-reports: " + file + " line 3: unknown action 'no_such_action' "
                + "in steps (known: ");
        assertThat(out.resolve("odd-funnel")).doesNotExist();
    }

    @Test
    void aBadJobFileIsExit64BeforeAnythingStarts(@TempDir Path jobs) throws Exception {
        Files.writeString(jobs.resolve("odd-funnel.yml"), "kind: funnel\nsteps: [git_write]\nschedule:\n"
                + "  cron: \"0 30 2 * * *\"\n");
        assertThat(ProgressReportsCommand.execute("run", "odd-funnel", "--jobs-dir", jobs.toString(), "--out",
                out.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(errorLine()).isEqualTo("progress-reports: " + jobs.resolve("odd-funnel.yml") + " line 4: "
                + "schedule.cron '0 30 2 * * *' has 6 fields, not the five of crontab (minute hour day-of-month "
                + "month day-of-week) or a macro (@hourly, @daily, @weekly, @monthly, @yearly), e.g. \"30 2 * * *\"");
    }

    @Test
    void anUnreachableSourceIsExit69() {
        int exit = ProgressReportsCommand.execute("run", "onboarding-funnel", "--out", out.toString(), "--date",
                "2026-10-01", "--source-url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2",
                "--store-url", TestDatabase.newStoreUrl());
        assertThat(exit).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(out.resolve("onboarding-funnel")).doesNotExist();
    }
}
