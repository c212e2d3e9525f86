package io.progressreports.funnel;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.failure.ExitCodes;
import io.progressreports.report.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs with a breakdown: a name the catalog does not confirm, a join that could count a namespace twice and a column
 * of too many values are one-line usage errors before any report; a breakdown is part of what stored days are
 * reused for. (Its figures are OnboardingFunnelJobFunctionalTest's.)
 */
class BreakdownRunTest {

    private static final String FROM = "2026-10-18";
    private static final String TO = "2026-10-31";
    /** Late enough for every day of the range to be final, so that a second run may reuse them all. */
    private static final String AS_OF = "2026-12-15T00:00:00Z";

    private static String sourceUrl;

    @TempDir
    Path dir;

    /** About 300 namespaces a day over the range; a join table of no unique key, and a view. */
    @BeforeAll
    static void createSource() {
        sourceUrl = TestDatabase.newSourceUrl(4_000, 0, 14);
        JdbcTemplate source = TestDatabase.jdbc(sourceUrl);
        source.execute("create table plans (namespace_id bigint, plan text)");
        source.execute("insert into plans select namespace_id, 'free' from onboarding_progresses");
        source.execute("create view namespace_types as select id, type from namespaces");
    }

    private CliRun run(String store, String... flags) {
        var args = new ArrayList<>(List.of("run", "onboarding-funnel", "--jobs-dir",
                Path.of("jobs").toAbsolutePath().toString(), "--source-url", sourceUrl, "--store-url", store,
                "--out", dir.resolve("reports").toString(), "--from", FROM, "--to", TO, "--as-of", AS_OF));
        args.addAll(List.of(flags));
        return CliRun.of(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no_such_column|table public.onboarding_progresses has no column 'no_such_column'",
            "no_such_table.type|table 'no_such_table' not found in the source database",
            "namespaces.no_such_column|table public.namespaces has no column 'no_such_column'",
            "namespaces.type:no_such_key=id|table public.onboarding_progresses has no column 'no_such_key'",
            "plans.plan:namespace_id=namespace_id|breakdown: table public.plans has no primary key or unique index on"
                    + " (namespace_id) alone, so a join on it could count a namespace twice; create one, e.g. CREATE"
                    + " UNIQUE INDEX CONCURRENTLY ON \"public\".\"plans\" (\"namespace_id\");",
            "namespace_types.type|breakdown: public.namespace_types is a view (or foreign table): PostgreSQL keeps no"
                    + " unique index on it, so a join on id could count a namespace twice; join the table it reads"
                    + " instead",
            "namespaces.type:created_at=id|breakdown: public.onboarding_progresses.created_at is timestamp with time"
                    + " zone and public.namespaces.id is bigint, so the one cannot be matched to the other",
            "namespaces.type;drop|--breakdown.column 'type;drop' is not a column name (letters, digits, _ and $, not"
                    + " starting with a digit, at most 63)",
    })
    void aBreakdownTheCatalogDoesNotConfirmIsOneLineExit64AndNoReport(String breakdown, String error) {
        CliRun run = run(TestDatabase.newStoreUrl(), "--breakdown", breakdown);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(errorLines(run)).containsExactly("progress-reports: " + error);
        assertThat(dir.resolve("reports/onboarding-funnel")).doesNotExist();
    }

    /** An id has a value per namespace: stored as segments, it would be every namespace's figures each day. */
    @Test
    void aColumnOfMoreThan200ValuesADayIsOneLineExit64() {
        CliRun run = run(TestDatabase.newStoreUrl(), "--breakdown", "id");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(errorLines(run)).singleElement().asString().matches("progress-reports: breakdown id has more than"
                + " 200 values among the namespaces created on 2026-10-[0-9]{2}: a breakdown needs a column of few "
                + "values \\(a type, a plan\\), not one like an id");
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(dir.resolve("reports/onboarding-funnel/latest")).doesNotExist();
    }

    /**
     * Days stored without a breakdown are not reused by a run with one, nor the other way round, nor across
     * breakdowns; the same breakdown reuses them. Rows read are the same with a join as without.
     */
    @Test
    void aBreakdownIsPartOfTheDefinitionOfStoredDays() throws IOException {
        String store = TestDatabase.newStoreUrl();

        Map<String, Object> without = manifest(run(store));
        Map<String, Object> byType = manifest(run(store, "--breakdown", "namespaces.type"));
        Map<String, Object> byTypeAgain = manifest(run(store, "--breakdown", "namespaces.type"));
        Map<String, Object> byCompany = manifest(run(store, "--breakdown", "setup_for_company"));
        Map<String, Object> withoutAgain = manifest(run(store, "--breakdown", "none"));

        assertThat(days(without, "computed")).isEqualTo(14);
        assertThat(days(byType, "reused")).isZero();
        assertThat(days(byType, "computed")).isEqualTo(14);
        assertThat(days(byTypeAgain, "reused")).isEqualTo(14);
        assertThat(days(byCompany, "reused")).isZero();
        assertThat(days(withoutAgain, "reused")).isEqualTo(14);
        long namespaces = TestDatabase.jdbc(sourceUrl).queryForObject("select count(*) from onboarding_progresses"
                + " where created_at >= '" + FROM + "T00:00:00Z' and created_at < '2026-11-01T00:00:00Z'", Long.class);
        assertThat(rows(without)).isEqualTo(namespaces);
        assertThat(rows(byType)).isEqualTo(namespaces);
        assertThat(rows(byCompany)).isEqualTo(namespaces);
    }

    private Map<String, Object> manifest(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path report = Path.of(run.out().lines().filter(line -> line.startsWith("report: ")).findFirst()
                .orElseThrow().substring("report: ".length()));
        assertThat(Files.exists(report.resolve(Manifest.FILE))).isTrue();
        return Manifest.read(report.resolve(Manifest.FILE));
    }

    @SuppressWarnings("unchecked")
    private static long days(Map<String, Object> manifest, String which) {
        return ((Number) ((Map<String, Object>) manifest.get("days")).get(which)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static long rows(Map<String, Object> manifest) {
        return ((Number) ((Map<String, Object>) manifest.get("rows")).get("read")).longValue();
    }

    private static List<String> errorLines(CliRun run) {
        return run.err().lines().filter(line -> line.startsWith("progress-reports:")).toList();
    }
}
