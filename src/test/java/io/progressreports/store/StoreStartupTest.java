package io.progressreports.store;

import io.progressreports.ReportsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store opened on a thread of its own while Spring builds the application. */
class StoreStartupTest {

    @TempDir
    Path dir;

    @Test
    void anApplicationThatFailsBeforeClaimingTheStoreStillStopsItsServer() throws Exception {
        Path data = dir.resolve("store");
        StoreStartup startup = StoreStartup.begin(embeddedIn(data));
        startup.closeUnclaimed();
        assertThat(data.resolve("data/PG_VERSION")).exists();
        assertThat(data.resolve("data/postmaster.pid")).doesNotExist();
    }

    @Test
    void theClaimedStoreIsMigratedAndTheClaimantsToClose() throws Exception {
        Path data = dir.resolve("store");
        StoreStartup startup = StoreStartup.begin(embeddedIn(data));
        try (StoreServer store = startup.claim(embeddedIn(data));
             var connection = store.dataSource().getConnection();
             var tables = connection.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_name = 'batch_job_execution'")) {
            startup.closeUnclaimed();
            assertThat(data.resolve("data/postmaster.pid")).exists();
            tables.next();
            assertThat(tables.getInt(1)).isEqualTo(1);
        }
        assertThat(data.resolve("data/postmaster.pid")).doesNotExist();
    }

    @Test
    void failsWithWhatOpeningThrew() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "");
        StoreStartup startup = StoreStartup.begin(embeddedIn(notAFolder.resolve("store")));
        assertThatThrownBy(() -> startup.claim(embeddedIn(notAFolder.resolve("store"))))
                .hasMessageContaining("cannot start the embedded PostgreSQL in " + notAFolder.resolve("store"));
        startup.closeUnclaimed();
    }

    @Test
    void refusesAClaimWithOtherSettings() {
        StoreStartup startup = StoreStartup.begin(embeddedIn(dir.resolve("one")));
        try {
            assertThatThrownBy(() -> startup.claim(embeddedIn(dir.resolve("other"))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("other");
        } finally {
            startup.closeUnclaimed();
        }
    }

    private static ReportsProperties.Store embeddedIn(Path data) {
        return new ReportsProperties.Store(null, null, null, null, data, false);
    }
}
