package io.progressreports.run;

import io.progressreports.job.JobFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind a job file may name is registered, and a file is run, checked and read back by its own kind. */
class JobKindsTest {

    @TempDir
    Path dir;

    private JobKind kindOf(String text) throws IOException {
        Files.writeString(dir.resolve("x.yml"), text);
        return JobKinds.of(new JobFiles(dir).load("x"));
    }

    @Test
    void eachKindOfJobFileHasItsRegisteredKind() throws IOException {
        JobKind funnel = kindOf("kind: funnel\nsteps: [git_write]\n");
        JobKind transfer = kindOf("kind: transfer-speed\n");

        assertThat(funnel.name()).isEqualTo("funnel");
        assertThat(transfer.name()).isEqualTo("transfer-speed");
        assertThat(JobKinds.planKeys()).containsExactly(funnel.planKey(), transfer.planKey()).doesNotHaveDuplicates();
    }

    @Test
    void theKindSaysWhatCheckLooksFor() throws IOException {
        JobKind funnel = kindOf("kind: funnel\n");
        var file = new JobFiles(dir).load("x");

        assertThat(funnel.warnings(file)).containsExactly("the job file names no steps, so every run needs --steps");
        assertThat(funnel.tableNeeds(file)).singleElement()
                .satisfies(needs -> assertThat(needs.table()).isEqualTo("onboarding_progresses"));
        Files.writeString(dir.resolve("t.yml"), "kind: transfer-speed\nsteps-table: s\n");
        var transferFile = new JobFiles(dir).load("t");
        assertThat(JobKinds.of(transferFile).tableNeeds(transferFile)).extracting(needs -> needs.table())
                .containsExactly("s", "deployment_step_timings");
        assertThat(JobKinds.of(transferFile).warnings(transferFile)).isEmpty();
    }
}
