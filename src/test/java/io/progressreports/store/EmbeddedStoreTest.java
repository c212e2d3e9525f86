package io.progressreports.store;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.settings.ReportsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With no --store-url the store is an embedded PostgreSQL whose data outlives the run. */
class EmbeddedStoreTest {

    @TempDir
    Path dir;

    private int run(Path store) {
        return ProgressReportsCommand.execute("run", "onboarding-funnel", "--date", "2026-09-01", "--as-of",
                "2026-11-01T00:00:00Z", "--latest", "--source-url", TestDatabase.seededSourceUrl(), "--store-dir",
                store.toString(), "--out", dir.resolve("out").toString());
    }

    @Test
    void keepsItsDaysAcrossRunsInTheStoreFolder() throws Exception {
        Path store = dir.resolve("store");
        assertThat(run(store)).isZero();
        assertThat(store.resolve("data/PG_VERSION")).exists();
        assertThat(store.resolve("data/postmaster.pid")).doesNotExist();

        assertThat(run(store)).isZero();
        assertThat(Files.readString(dir.resolve("out/onboarding-funnel/latest/manifest.json")))
                .contains("\"reused\" : 1");
    }

    @Test
    void defaultsToAFolderInTheHomeDirectoryOutsideTheReports() {
        assertThat(new ReportsProperties(null, null, null, null, null, null).store().dir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".progress-reports", "store"));
    }
}
