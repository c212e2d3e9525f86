package io.progressreports.job;

import io.progressreports.failure.UsageException;
import io.progressreports.funnel.FunnelJobFile;
import io.progressreports.run.JobKinds;
import io.progressreports.transfer.TransferJobFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad job file fails at load in one line naming the file, the line of the bad key and the bad value. */
class JobFilesTest {

    private static final String GOOD = """
            # a funnel
            kind: funnel
            steps: [git_write, pipeline_created]
            window: 30d
            order: sequential
            ages: [1, 7]
            grain: week
            zone: UTC
            last: 90
            partition-days: 7
            chunk-size: 2000
            schedule:
              cron: "30 2 * * *"
              zone: Europe/Berlin
            max-reject-rate: 0.05
            """;

    @TempDir
    Path dir;

    private JobFile load(String text) throws IOException {
        Files.writeString(dir.resolve("x.yml"), text);
        return JobKinds.files(dir).load("x");
    }

    @Test
    void aGoodFileLoads() throws IOException {
        JobFile job = load(GOOD);
        assertThat(job.schedule()).isEqualTo(new JobFile.Schedule("30 2 * * *", "Europe/Berlin"));
        assertThat(CronSchedule.of(job).zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(job.maxRejectRate()).isEqualTo("0.05");
        assertThat(load(GOOD.replace("max-reject-rate: 0.05", "max-reject-rate: 5%")).maxRejectRate())
                .isEqualTo("5%");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "kind: funnel|kind: histogram|2|unknown kind 'histogram'",
            "  cron: \"30 2 * * *\"|  cron: \"0 30 2 * * *\"|13|schedule.cron '0 30 2 * * *' has 6 fields",
            "  cron: \"30 2 * * *\"|  cron: \"61 2 * * *\"|13|schedule.cron '61 2 * * *' is not a crontab expression: Value 61 not in range [0, 59]",
            "  cron: \"30 2 * * *\"|  cron: \"30 2 * * MON-XYZ\"|13|schedule.cron '30 2 * * MON-XYZ'",
            "  cron: \"30 2 * * *\"|  cron: \"30 2 31 2 *\"|13|schedule.cron '30 2 31 2 *' never fires",
            "  cron: \"30 2 * * *\"|  cron: \"0 2 L * *\"|13|schedule.cron '0 2 L * *' is not a crontab expression",
            "  cron: \"30 2 * * *\"|  cron: \"@reboot\"|13|schedule.cron '@reboot' is not a crontab expression",
            "  cron: \"30 2 * * *\"|  crom: \"30 2 * * *\"|13|unknown key 'crom'",
            "  zone: Europe/Berlin|  zone: Mars/Olympus|14|schedule.zone 'Mars/Olympus' is not a time zone",
            "zone: UTC|zone: Moon/Base|8|zone 'Moon/Base' is not a time zone",
            "window: 30d|window: 30x|4|window '30x' is not a duration",
            "window: 30d|window: 0d|4|window '0d' is not a duration",
            "window: 30d|window: 99999d|4|window '99999d' is longer than 3660 days",
            "order: sequential|order: random|5|order 'random' must be sequential or any",
            "grain: week|grain: year|7|grain 'year' must be day, week or month",
            "ages: [1, 7]|ages: [1, 0]|6|ages '0' is not a whole number of days from 1 to 3660",
            "ages: [1, 7]|ages: [1, 4000]|6|ages '4000'",
            "last: 90|last: 0|9|last must be at least 1, not 0",
            "last: 90|last: 99999|9|last 99999 is more than 36600 days",
            "partition-days: 7|partition-days: 0|10|partition-days must be at least 1, not 0",
            "chunk-size: 2000|chunk-size: -5|11|chunk-size must be at least 1, not -5",
            "steps: [git_write, pipeline_created]|steps: []|3|steps is empty",
            "steps: [git_write, pipeline_created]|steps: [git_write, git_write]|3|step 'git_write' appears twice",
            "steps: [git_write, pipeline_created]|steps: [git_write, Pipeline-Created]|3|step 'Pipeline-Created' is not an action name",
            "steps: [git_write, pipeline_created]|steps: [1st_step]|3|step '1st_step' is not an action name",
            "last: 90|lats: 90|9|unknown key 'lats'",
            "max-reject-rate: 0.05|max-reject-rate: 5|15|max-reject-rate '5' is not a reject rate",
            "max-reject-rate: 0.05|max-reject-rate: 120%|15|max-reject-rate '120%' is not a reject rate",
            "max-reject-rate: 0.05|max-reject-rate: -0.1|15|max-reject-rate '-0.1' is not a reject rate",
    })
    void aBadValueIsRejectedWithFileLineAndValue(String good, String bad, String line, String reason) {
        assertThat(GOOD).contains(good);
        assertThatThrownBy(() -> load(GOOD.replace(good, bad)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(dir.resolve("x.yml") + " line " + line + ": ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void stepsOnLinesOfTheirOwnAreNamedByTheirLine() {
        String text = GOOD.replace("steps: [git_write, pipeline_created]", """
                steps:
                  - git_write
                  - git_write""");
        assertThatThrownBy(() -> load(text)).hasMessageStartingWith(dir.resolve("x.yml") + " line 5: step 'git_write' appears twice");
    }

    @Test
    void aCronWithoutFieldsIsRejected() {
        assertThatThrownBy(() -> load(GOOD.replace("  cron: \"30 2 * * *\"\n", "")))
                .hasMessageStartingWith(dir.resolve("x.yml") + " line 12: schedule needs a cron");
        assertThatThrownBy(() -> load(GOOD.replace("\"30 2 * * *\"", "\" \"")))
                .hasMessageContaining("schedule.cron ' ' has 0 fields");
    }

    @Test
    void aTransferJobWithABadGraceIsRejected() {
        assertThatThrownBy(() -> load("kind: transfer-speed\ngrace: 1y\n"))
                .hasMessage(dir.resolve("x.yml") + " line 2: grace '1y' is not a duration like 30d, 36h or 2w");
    }

    @Test
    void transferStatusesMustBeWordsOfATransferJob() throws IOException {
        assertThat(((TransferJobFile) load("kind: transfer-speed\nstatuses: [Completed, success]\n")).statuses())
                .containsExactly("Completed", "success");
        assertThatThrownBy(() -> load("kind: transfer-speed\nstatuses: []\n"))
                .hasMessageStartingWith(dir.resolve("x.yml") + " line 2: statuses is empty");
        assertThatThrownBy(() -> load("kind: transfer-speed\nstatuses: [completed, ' ']\n"))
                .hasMessageContaining("statuses[1] is blank");
        assertThatThrownBy(() -> load(GOOD + "statuses: [completed]\n"))
                .hasMessageContaining("statuses applies to transfer-speed jobs only");
    }

    @Test
    void aKeyOfAnotherKindIsAnUnknownKeyNamingItsLineAndItsKind() {
        assertThatThrownBy(() -> load("kind: transfer-speed\ngrace: 1d\nsteps: [git_write]\n"))
                .hasMessage(dir.resolve("x.yml") + " line 3: unknown key 'steps' in a transfer-speed job: steps "
                        + "applies to funnel jobs only");
        assertThatThrownBy(() -> load("kind: transfer-speed\nlayout: action-rows\n"))
                .hasMessage(dir.resolve("x.yml") + " line 2: unknown key 'layout' in a transfer-speed job: layout "
                        + "applies to funnel jobs only");
        assertThatThrownBy(() -> load(GOOD + "grace: 1d\n"))
                .hasMessage(dir.resolve("x.yml") + " line 16: unknown key 'grace' in a funnel job: grace applies to "
                        + "transfer-speed jobs only");
    }

    @Test
    void theKindMayComeAfterOtherKeys() throws IOException {
        assertThat(load("steps: [git_write]\nkind: funnel\n")).isInstanceOf(FunnelJobFile.class);
        assertThatThrownBy(() -> load("# a funnel\nsteps: [git_write]\nwindow: 30x\nkind: funnel\n"))
                .hasMessageStartingWith(dir.resolve("x.yml") + " line 3: window '30x' is not a duration");
        assertThatThrownBy(() -> load("# a funnel\nlast: ninety\nkind: funnel\n"))
                .hasMessageStartingWith(dir.resolve("x.yml") + " line 2: ");
    }

    @Test
    void aFileWithoutAKindIsRefused() {
        assertThatThrownBy(() -> load("steps: [git_write]\n"))
                .hasMessage(dir.resolve("x.yml") + ": missing key 'kind' (funnel or transfer-speed)");
        assertThatThrownBy(() -> load("kind: 7\n"))
                .hasMessage(dir.resolve("x.yml") + " line 1: unknown kind '7' (known: funnel, transfer-speed)");
    }

    @Test
    void whereNamesTheLineOfAKey() throws IOException {
        load(GOOD);
        assertThat(JobKinds.files(dir).where("x", "steps")).isEqualTo(dir.resolve("x.yml") + " line 3");
        assertThat(JobKinds.files(dir).where("x", "table")).isEqualTo(dir.resolve("x.yml") + " line ?");
    }

    @Test
    void theProjectsJobFilesLoad() {
        JobFiles jobs = JobKinds.files(Path.of("jobs"));
        assertThat(jobs.names()).contains("onboarding-funnel", "security-funnel", "transfer-speed");
        for (String name : jobs.names()) {
            assertThat(jobs.load(name).schedule()).as(name).isNotNull();
        }
    }
}
