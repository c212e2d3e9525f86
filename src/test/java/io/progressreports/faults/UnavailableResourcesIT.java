package io.progressreports.faults;

import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An output on a full disk keeps the store sound, so the rerun finishes from it; the other unavailable resources are
 * {@link UnavailableResourcesTest}'s, in the test JVM.
 */
class UnavailableResourcesIT {

    @TempDir
    Path work;

    /** Needs root and mount rights (as in CI's container); elsewhere it is skipped, saying why. */
    @Test
    void aFullDiskExits73LeavesNoHalfReportAndTheRerunFinishes() throws IOException, InterruptedException {
        Path full = Files.createDirectories(work.resolve("full"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", full.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs here: "
                + new String(mount.getInputStream().readAllBytes()).strip());
        try {
            String store = TestDatabase.newStoreUrl();
            assertThat(UnavailableResourcesTest.run(store, full)).isEqualTo(ExitCodes.CANNOT_CREATE);
            try (var left = Files.list(full.resolve("onboarding-funnel"))) {
                assertThat(left).as("no report an analyst could open, no half-written one filling the disk")
                        .isEmpty();
            }

            Path out = work.resolve("reports");
            assertThat(UnavailableResourcesTest.run(store, out)).isZero();
            Path clean = work.resolve("clean");
            assertThat(UnavailableResourcesTest.run(TestDatabase.newStoreUrl(), clean)).isZero();
            assertThat(UnavailableResourcesTest.csvs(out)).isEqualTo(UnavailableResourcesTest.csvs(clean));
        } finally {
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }
}
