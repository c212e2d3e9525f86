package io.progressreports.store;

import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.day.DayFormats;
import io.progressreports.report.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored day is reused only for the same source and aggregate format. The case that failed before: one store (as
 * every run of a user shares the default one), a run against database A, then the same job against database B,
 * which reported A's numbers from A's stored days.
 */
class StoredDaySourceTest {

    private static final String FROM = "2026-08-01";
    private static final String TO = "2026-09-30";
    /** Aug 1 to Sep 30 are final at this as-of for the funnel (30-day window) and the transfers (1-day grace). */
    private static final String AS_OF = "2026-11-01T00:00:00Z";

    @TempDir
    Path out;

    private static int run(String job, String source, String store, Path out, String... extra) {
        var args = new ArrayList<>(List.of("run", job, "--source-url", source, "--store-url", store, "--out",
                out.toString(), "--from", FROM, "--to", TO, "--as-of", AS_OF, "--latest"));
        args.addAll(List.of(extra));
        return ProgressReportsCommand.execute(args.toArray(String[]::new));
    }

    private static Path report(Path out, String job) {
        return out.resolve(job).resolve("latest");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> days(Path out, String job) throws IOException {
        return (Map<String, Object>) Manifest.read(report(out, job).resolve(Manifest.FILE)).get("days");
    }

    @Test
    void daysStoredFromOneDatabaseAreNotReusedForAnother() throws IOException {
        String a = TestDatabase.newSourceUrl(3_000, 40, 100);
        String b = TestDatabase.newSourceUrl(1_000, 15, 100);
        String shared = TestDatabase.newStoreUrl();
        for (String job : List.of("onboarding-funnel", "transfer-speed")) {
            assertThat(run(job, a, shared, out.resolve("a"))).isZero();
            assertThat(run(job, b, shared, out.resolve("b"))).isZero();
            assertThat(run(job, b, TestDatabase.newStoreUrl(), out.resolve("b-alone"))).isZero();

            assertThat(days(out.resolve("b"), job)).as(job).isEqualTo(Map.of("computed", 61, "reused", 0,
                    "computed_because", Map.of("other source", 61)));
            for (String file : List.of(job.equals("transfer-speed") ? "transfer_speed.csv" : "funnel.csv")) {
                assertThat(Files.readAllBytes(report(out.resolve("b"), job).resolve(file))).as(job + " " + file)
                        .isEqualTo(Files.readAllBytes(report(out.resolve("b-alone"), job).resolve(file)))
                        .isNotEqualTo(Files.readAllBytes(report(out.resolve("a"), job).resolve(file)));
            }
            // And back on A, its own days are there to reuse.
            assertThat(run(job, a, shared, out.resolve("a-again"))).isZero();
            assertThat(days(out.resolve("a-again"), job)).as(job).isEqualTo(Map.of("computed", 0, "reused", 61,
                    "computed_because", Map.of()));
        }
        @SuppressWarnings("unchecked")
        var source = (Map<String, Object>) Manifest.read(report(out.resolve("b"), "onboarding-funnel")
                .resolve(Manifest.FILE)).get("source");
        assertThat(source.get("database")).isEqualTo(TestDatabase.jdbc(b).queryForObject("select current_database()",
                String.class));
        assertThat(source.get("system_identifier")).isEqualTo(TestDatabase.jdbc(b).queryForObject(
                "select system_identifier::text from pg_control_system()", String.class));
    }

    /** Where the role may not read pg_control_system(), the server's address stands in and the run goes on. */
    @Test
    void aRoleThatCannotReadTheSystemIdentifierStillRuns() throws IOException {
        String source = TestDatabase.newSourceUrl(300, 0, 100);
        JdbcTemplate admin = TestDatabase.jdbc(source);
        String role = "identity_role_" + Long.toHexString(System.nanoTime());
        admin.execute("revoke execute on function pg_control_system() from public");
        admin.execute("create role " + role + " login");
        admin.execute("grant select on all tables in schema public to " + role);

        assertThat(run("onboarding-funnel", source.replace("user=postgres", "user=" + role),
                TestDatabase.newStoreUrl(), out)).isZero();

        @SuppressWarnings("unchecked")
        var manifestSource = (Map<String, Object>) Manifest.read(report(out, "onboarding-funnel")
                .resolve(Manifest.FILE)).get("source");
        assertThat((String) manifestSource.get("system_identifier")).matches(".+:[0-9]+");
    }

    /** As a store written by an earlier version of the aggregate format looks: its definitions name that format. */
    @Test
    void daysStoredInAnEarlierFormatAreRecomputed() throws IOException {
        String source = TestDatabase.seededSourceUrl();
        String store = TestDatabase.newStoreUrl();
        assertThat(run("onboarding-funnel", source, store, out.resolve("first"))).isZero();
        JdbcTemplate jdbc = TestDatabase.jdbc(store);
        jdbc.update("insert into funnel_definition (definition_id, definition) select 'earlier', "
                + "jsonb_set(definition, '{format}', to_jsonb(" + (DayFormats.FUNNEL - 1) + ")) from funnel_definition");
        jdbc.update("update funnel_day set definition_id = 'earlier'");
        jdbc.update("update funnel_dropoff set definition_id = 'earlier'");

        assertThat(run("onboarding-funnel", source, store, out.resolve("second"))).isZero();

        assertThat(days(out.resolve("second"), "onboarding-funnel")).isEqualTo(Map.of("computed", 61,
                "reused", 0, "computed_because", Map.of("format changed", 61)));
        assertThat(Files.readAllBytes(report(out.resolve("second"), "onboarding-funnel").resolve("funnel.csv")))
                .isEqualTo(Files.readAllBytes(report(out.resolve("first"), "onboarding-funnel")
                        .resolve("funnel.csv")));
    }
}
