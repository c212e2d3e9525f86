package io.progressreports.run;

import io.progressreports.funnel.FunnelJobFile;
import io.progressreports.job.JobFile;
import io.progressreports.job.JobFiles;
import io.progressreports.transfer.TransferJobFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind a job file may name is registered, and a file is read, run, checked and read back by its own kind. */
class JobKindsTest {

    @TempDir
    Path dir;
    private JobFiles files;

    @BeforeEach
    void writeOneFileOfEachKind() throws IOException {
        Files.writeString(dir.resolve("funnel.yml"), "kind: funnel\nsteps: [git_write]\n");
        Files.writeString(dir.resolve("funnel-without-steps.yml"), "kind: funnel\n");
        Files.writeString(dir.resolve("transfer.yml"), "kind: transfer-speed\nsteps-table: s\n");
        files = JobKinds.files(dir);
    }

    @Test
    void eachKindOfJobFileHasItsRegisteredKind() {
        JobFile funnelFile = files.load("funnel");
        JobFile transferFile = files.load("transfer");
        JobKind<JobFile> funnel = JobKinds.of(funnelFile);
        JobKind<JobFile> transfer = JobKinds.of(transferFile);

        assertThat(funnelFile).isInstanceOf(FunnelJobFile.class);
        assertThat(transferFile).isInstanceOf(TransferJobFile.class);
        assertThat(funnel.name()).isEqualTo("funnel");
        assertThat(transfer.name()).isEqualTo("transfer-speed");
        assertThat(JobKinds.fileTypes()).containsExactly(Map.entry("funnel", FunnelJobFile.class),
                Map.entry("transfer-speed", TransferJobFile.class));
        assertThat(JobKinds.planKeys()).containsExactly(funnel.planKey(), transfer.planKey()).doesNotHaveDuplicates();
    }

    @Test
    void theKindSaysWhatCheckLooksFor() {
        JobFile file = files.load("funnel-without-steps");
        JobKind<JobFile> funnel = JobKinds.of(file);

        assertThat(funnel.warnings(file)).containsExactly("the job file names no steps, so every run needs --steps");
        assertThat(funnel.tableNeeds(file)).singleElement()
                .satisfies(needs -> assertThat(needs.table()).isEqualTo("onboarding_progresses"));
        JobFile transferFile = files.load("transfer");
        assertThat(JobKinds.of(transferFile).tableNeeds(transferFile)).extracting(needs -> needs.table())
                .containsExactly("s", "deployment_step_timings");
        assertThat(JobKinds.of(transferFile).warnings(transferFile)).isEmpty();
    }
}
