package io.progressreports.funnel;

import io.progressreports.CapturedErr;
import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.cli.ProgressReportsCommand;
import io.progressreports.failure.ExitCodes;
import io.progressreports.report.Manifest;
import io.progressreports.run.JobKinds;
import io.progressreports.source.SourceCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitLab's earlier layout, one row per namespace and action code, gives the same reports as onboarding_progresses.
 * The legacy tables are built with SQL from the seeded source's rows in a database of their own, with duplicated
 * action rows and rows of codes the map does not name added, and both layouts run with the same flags.
 */
class ActionRowsLayoutFunctionalTest {

    private static final String JOB = "onboarding-funnel-legacy";
    private static final Path EXAMPLES = Path.of("jobs", "examples");
    private static final List<String> CSVS = List.of("funnel.csv", "funnel_summary.csv", "completion_by_age.csv",
            "data_quality.csv", "dropoffs.csv");
    /** Codes no map here names, on rows dated before every action: if they counted, every number would move. */
    private static final List<Integer> UNNAMED = List.of(17, 99);
    private static final String FROM = "2026-07-06";
    private static final String TO = "2026-10-31";
    private static final String AS_OF = "2026-11-01T00:00:00Z";
    private static final Pattern IGNORED = Pattern.compile("ignored (\\d+) action rows with codes that action-codes"
            + " does not name: \\[([0-9, ]+)]");

    @TempDir
    static Path dir;

    private static String legacySource;
    /** Every action column of the seeded table, in column order, with the example file's codes where it has one. */
    private static Map<Integer, String> allCodes;
    private static final Map<String, Map<String, byte[]>> COLUMNS_REPORTS = new HashMap<>();

    @RegisterExtension
    final CapturedErr err = new CapturedErr();

    @BeforeAll
    static void buildLegacyTables() throws SQLException, IOException {
        allCodes = codesInColumnOrder();
        legacySource = TestDatabase.newDatabaseUrl();
        JdbcTemplate legacy = TestDatabase.jdbc(legacySource);
        legacy.execute("""
                create table namespaces (id bigint primary key, created_at timestamptz not null);
                create table namespace_onboarding_actions (id bigint generated always as identity primary key,
                    namespace_id bigint not null references namespaces, action smallint not null,
                    created_at timestamptz not null)""");
        copy("select namespace_id, created_at from onboarding_progresses", "namespaces (id, created_at)");
        copy("select p.namespace_id, a.action, a.created_at from onboarding_progresses p cross join lateral (values "
                        + allCodes.entrySet().stream().map(code -> "(" + code.getKey() + ", p." + code.getValue()
                        + "_at)").collect(Collectors.joining(", ")) + ") a (action, created_at)"
                        + " where a.created_at is not null",
                "namespace_onboarding_actions (namespace_id, action, created_at)");
        legacy.execute("""
                -- Repeats of an action, later and at the same time: the earliest counts, once.
                insert into namespace_onboarding_actions (namespace_id, action, created_at)
                    select namespace_id, action, created_at + interval '3 days' from namespace_onboarding_actions
                    where namespace_id %% 5 = 0;
                insert into namespace_onboarding_actions (namespace_id, action, created_at)
                    select namespace_id, action, created_at from namespace_onboarding_actions
                    where namespace_id %% 7 = 0 and action <= 3;
                insert into namespace_onboarding_actions (namespace_id, action, created_at)
                    select id, %d, created_at - interval '1 day' from namespaces where id %% 3 = 0;
                insert into namespace_onboarding_actions (namespace_id, action, created_at)
                    select id, %d, created_at from namespaces where id %% 4 = 0;
                create index on namespaces (created_at);
                create index on namespace_onboarding_actions (namespace_id);
                analyze""".formatted(UNNAMED.get(0), UNNAMED.get(1)));
        // Namespaces with no action row at all must be counted like progress rows with no action set.
        assertThat(legacy.queryForObject("""
                select count(*) from namespaces n
                where not exists (select 1 from namespace_onboarding_actions a where a.namespace_id = n.id)""",
                Long.class)).isPositive();
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs").resolve(JOB + ".yml"), "kind: funnel\nlayout: action-rows\n"
                + "action-codes:\n" + allCodes.entrySet().stream().map(code -> "  " + code.getKey() + ": "
                + code.getValue() + "\n").collect(Collectors.joining()));
    }

    private static Map<Integer, String> codesInColumnOrder() {
        Map<Integer, String> example = ((FunnelJobFile) JobKinds.files(EXAMPLES).load(JOB)).actionCodes();
        var codeOf = new HashMap<String, Integer>();
        example.forEach((code, name) -> codeOf.put(name, code));
        var catalog = new SourceCatalog(TestDatabase.dataSource(TestDatabase.seededSourceUrl()));
        List<String> columns = catalog.actions(catalog.table("onboarding_progresses"));
        assertThat(columns).containsAll(example.values());
        var codes = new LinkedHashMap<Integer, String>();
        int next = example.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (String action : columns) {
            codes.put(codeOf.containsKey(action) ? codeOf.get(action) : ++next, action);
        }
        assertThat(codes.keySet()).doesNotContainAnyElementsOf(UNNAMED);
        return codes;
    }

    /** Rows from the seeded source into the legacy database, through COPY: exact to the microsecond. */
    private static void copy(String select, String into) throws SQLException, IOException {
        try (Connection from = DriverManager.getConnection(TestDatabase.seededSourceUrl());
             Connection to = DriverManager.getConnection(legacySource)) {
            var rows = new ByteArrayOutputStream();
            from.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + select + ") to stdout", rows);
            to.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + into + " from stdin",
                    new ByteArrayInputStream(rows.toByteArray()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "--steps git_write,merge_request_created,pipeline_created,trial_started,subscription_created --window 30d"
                    + " --order sequential --grain week --zone UTC",
            "--steps pipeline_created,issue_created,git_write,subscription_created --window 14d --order any"
                    + " --grain day --zone Europe/Berlin --ages 2,9"})
    void actionRowsGiveByteIdenticalReports(String flags) throws IOException {
        Path report = run(JOB, dir.resolve("jobs"), legacySource, flags);

        assertThat(read(report, CSVS)).containsExactlyInAnyOrderEntriesOf(columnsReport(flags));
        Map<String, Object> manifest = Manifest.read(report.resolve(Manifest.FILE));
        assertThat(manifest.get("source")).asString().contains("layout=action-rows");
        String zone = flags.substring(flags.indexOf("--zone ") + 7).split(" ")[0];
        assertThat(ignoredRows()).isEqualTo(unnamedRowsInRange(zone));
        assertThat(ignoredCodes()).containsExactlyElementsOf(UNNAMED.stream().map(String::valueOf).toList());
    }

    /** The example's map names nine of the sixteen actions: steps agree, the other seven codes are ignored. */
    @Test
    void theExampleJobFileReadsTheLegacyTables() throws IOException {
        String flags = "--steps git_write,merge_request_created,pipeline_created,trial_started,subscription_created"
                + " --window 30d --order sequential --grain week --zone UTC";
        Path report = run(JOB, EXAMPLES, legacySource, flags);

        List<String> stepFiles = List.of("funnel.csv", "funnel_summary.csv", "dropoffs.csv");
        Map<String, byte[]> columns = columnsReport(flags);
        stepFiles.forEach(file -> assertThat(read(report, List.of(file)).get(file)).isEqualTo(columns.get(file)));
        assertThat(ignoredCodes()).contains("10", "16", "17", "99");
    }

    /** check reads the layout too: both tables, their columns and the indexes the span reads want. */
    @Test
    void checkFindsTheLegacyTablesReady() {
        CliRun check = CliRun.of(List.of("check", JOB, "--jobs-dir", EXAMPLES.toString(), "--source-url",
                legacySource, "--store-url", TestDatabase.newStoreUrl(), "--out", dir.resolve("check").toString()));

        assertThat(check.lines()).anyMatch(line -> line.contains("namespace_onboarding_actions has an index leading"
                + " with namespace_id")).anyMatch(line -> line.contains("namespaces has an index leading with"
                + " created_at"));
        assertThat(check.lines()).noneMatch(line -> line.startsWith("error"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "layout: rows|unknown layout 'rows'",
            "layout: action-rows|needs action-codes",
            "layout: action-rows ; action-codes: {1: git_write, 2: git_write}"
                    + "|action-codes 1 and 2 both name 'git_write'",
            "layout: action-rows ; action-codes: {1: git-write}|action-codes 1: 'git-write' is not an action name",
            "layout: action-rows ; action-codes: {1: created}|action-codes 1: 'created' is the funnel's first step",
            "layout: action-rows ; action-codes: {one: git_write}|one",
            "action-codes: {1: git_write}|need layout: action-rows",
            "layout: action-rows ; namespaces-table: no_such_table ; action-codes: {1: git_write}"
                    + "|table 'no_such_table' not found",
            "layout: action-rows ; table: namespaces ; action-codes: {1: git_write}"
                    + "|table public.namespaces has no column 'namespace_id'",
    })
    void aBadLayoutIsOneLineNamingTheFileAndTheValueWithExit64(String keyLines, String named) throws IOException {
        String keys = keyLines.replace(" ; ", "\n");
        Path jobs = Files.createDirectories(dir.resolve("bad-" + Integer.toHexString(keys.hashCode())));
        Path file = Files.writeString(jobs.resolve("bad.yml"), "kind: funnel\nsteps: [git_write]\n" + keys + "\n");
        Path out = jobs.resolve("out");

        int exit = ProgressReportsCommand.execute("run", "bad", "--jobs-dir", jobs.toString(), "--out",
                out.toString(), "--source-url", legacySource, "--store-url", TestDatabase.newStoreUrl());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        List<String> errors = err.errorLines();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains(named);
        if (!named.startsWith("table")) {
            assertThat(errors.get(0)).contains(file.toString());
        }
        assertThat(out).doesNotExist();
    }

    private Map<String, byte[]> columnsReport(String flags) {
        return COLUMNS_REPORTS.computeIfAbsent(flags, f -> read(run("onboarding-funnel", Path.of("jobs"),
                TestDatabase.seededSourceUrl(), f), CSVS));
    }

    private static Path run(String job, Path jobs, String source, String flags) {
        Path out = dir.resolve("out-" + Integer.toHexString((job + jobs + flags).hashCode()));
        var args = new ArrayList<>(List.of("run", job, "--jobs-dir", jobs.toAbsolutePath().toString(), "--source-url",
                source, "--store-url", TestDatabase.newStoreUrl(), "--out", out.toString(), "--from", FROM, "--to",
                TO, "--as-of", AS_OF, "--dropoffs", "--latest"));
        args.addAll(List.of(flags.split(" ")));
        assertThat(ProgressReportsCommand.execute(args.toArray(String[]::new))).isZero();
        return out.resolve(job).resolve("latest");
    }

    private static Map<String, byte[]> read(Path report, List<String> files) {
        var bytes = new HashMap<String, byte[]>();
        for (String file : files) {
            try {
                bytes.put(file, Files.readAllBytes(report.resolve(file)));
            } catch (IOException e) {
                throw new AssertionError("cannot read " + report.resolve(file), e);
            }
        }
        return bytes;
    }

    private long ignoredRows() {
        long rows = 0;
        Matcher m = IGNORED.matcher(err.text());
        while (m.find()) {
            rows += Long.parseLong(m.group(1));
        }
        return rows;
    }

    private List<String> ignoredCodes() {
        Matcher m = IGNORED.matcher(err.text());
        var codes = new TreeSet<String>(Comparator.comparingInt(Integer::parseInt));
        while (m.find()) {
            codes.addAll(List.of(m.group(2).split(", ")));
        }
        return List.copyOf(codes);
    }

    /** What the warnings must add up to: the unnamed rows of the namespaces the range reads. */
    private static long unnamedRowsInRange(String zone) {
        return TestDatabase.jdbc(legacySource).queryForObject("""
                        select count(*) from namespace_onboarding_actions a join namespaces n on n.id = a.namespace_id
                        where a.action in (%s) and n.created_at >= ?::date::timestamp at time zone ?
                          and n.created_at < (?::date + 1)::timestamp at time zone ?
                          and n.created_at <= ?::timestamptz"""
                        .formatted(UNNAMED.stream().map(String::valueOf).collect(Collectors.joining(", "))),
                Long.class, FROM, zone, TO, zone, AS_OF);
    }
}
