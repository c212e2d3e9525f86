package io.progressreports.faults;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store that cannot be reached fails fast and writes nothing; an output that cannot be written keeps the store
 * sound, so the rerun finishes from it. A full disk, which needs a mount, is {@link UnavailableResourcesIT}.
 */
class UnavailableResourcesTest {

    private static final String AS_OF = "2026-11-01T00:00:00Z";

    @TempDir
    Path work;

    @Test
    void anUnreachableStoreExits69WithoutWaitingForTheKernelAndWritesNothing() throws IOException {
        for (String store : new String[] {"jdbc:postgresql://127.0.0.1:" + closedPort() + "/store",
                "jdbc:postgresql://10.255.255.1:5432/store"}) {
            Path out = work.resolve("out");
            long start = System.nanoTime();
            int exit = ProgressReportsCommand.execute("run", "onboarding-funnel", "--source-url",
                    TestDatabase.seededSourceUrl(), "--store-url", store, "--out", out.toString(), "--last", "7",
                    "--as-of", AS_OF);
            assertThat(exit).as(store).isEqualTo(ExitCodes.UNAVAILABLE);
            // A hang guard, not a speed test: without the pool's 5 s connection timeout, the black-holed address
            // would wait for the kernel's SYN retries (127 s on Linux).
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(store).isLessThan(Duration.ofSeconds(60));
            assertThat(out).as(store).doesNotExist();
        }
    }

    @Test
    void anUnwritableOutputExits73AndTheRerunFinishesFromTheStore() throws IOException {
        String store = TestDatabase.newStoreUrl();
        Path blocked = Files.writeString(work.resolve("not-a-folder"), "a file where the output folder should be");

        assertThat(run(store, blocked.resolve("reports"))).isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(TestDatabase.jdbc(store).queryForObject("select status from batch_job_execution",
                String.class)).isEqualTo("FAILED");

        Path out = work.resolve("reports");
        assertThat(run(store, out)).isZero();
        Path clean = work.resolve("clean");
        assertThat(run(TestDatabase.newStoreUrl(), clean)).isZero();
        assertThat(csvs(out)).isEqualTo(csvs(clean));
        // The restart did only the report step: every partition had been committed before publishing failed.
        assertThat(TestDatabase.jdbc(store).queryForObject("""
                select count(*) from batch_step_execution s join batch_job_execution j using (job_execution_id)
                where j.status = 'COMPLETED' and s.step_name like '%:span-%'""", Integer.class)).isZero();
    }

    static int run(String store, Path out) {
        return ProgressReportsCommand.execute("run", "onboarding-funnel", "--source-url",
                TestDatabase.seededSourceUrl(), "--store-url", store, "--out", out.toString(), "--from", "2026-09-01",
                "--to", "2026-10-31", "--as-of", AS_OF);
    }

    static Map<String, String> csvs(Path out) throws IOException {
        Path report = out.resolve("onboarding-funnel/latest");
        return Map.of("funnel.csv", Files.readString(report.resolve("funnel.csv")), "completion_by_age.csv",
                Files.readString(report.resolve("completion_by_age.csv")), "data_quality.csv",
                Files.readString(report.resolve("data_quality.csv")));
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
