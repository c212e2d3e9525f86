package io.progressreports.faults;

import io.progressreports.CliRun;
import io.progressreports.failure.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input of the corpus ({@link BadInputs}) is refused the same way: exit 64, one line on stderr naming the
 * bad value (escaped and cut as a terminal can show it), nothing written, and nothing of it in any statement that
 * reaches PostgreSQL. The source and store are databases of a server that logs every statement it is sent, so the
 * last point is read from the server's own log rather than assumed. Many inputs are refused before any
 * connection is opened; the log shows that too.
 */
class BadInputCorpusTest {

    private static final Path PROJECT_JOBS = Path.of("jobs").toAbsolutePath();
    private static StatementLog log;
    private static String source;
    private static String store;

    @TempDir
    Path dir;

    @BeforeAll
    static void aServerThatLogsEveryStatement() {
        log = StatementLog.start();
        source = log.newSourceUrl();
        store = log.newDatabaseUrl();
    }

    @AfterAll
    static void stopServer() throws IOException {
        log.close();
    }

    static List<BadInput> corpus() {
        return BadInputs.all();
    }

    static Stream<BadInput> jobFiles() {
        return BadInputs.all().stream().filter(input -> input.jobFile() != null);
    }

    @Test
    void theCorpusTriesAtLeastFortyInputsInEveryClassTheIssueNames() {
        assertThat(BadInputs.all()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(BadInputs.all().stream().map(BadInput::inputClass).distinct()).containsExactlyInAnyOrder("date",
                "unknown name", "number", "steps", BadInputs.NOT_TEXT, "10k characters", "SQL injection");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void runRefusesInOneLineNamingTheValueAndWritesAndSendsNothingOfIt(BadInput input) throws IOException {
        long mark = log.mark();
        CliRun run = CliRun.of(command("run", input));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines().toList()).as("stderr").singleElement().asString()
                .startsWith("progress-reports: ").contains(input.named());
        assertThat(run.out()).as("stdout").isEmpty();
        assertNoFileUnder(out());
        assertNeverSentAsSql(input, mark);
    }

    /** check loads every job file before it connects; a bad one is an error finding, and its values stay out of SQL. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jobFiles")
    void checkReportsABadJobFileInOneErrorLineAndSendsNothingOfIt(BadInput input) throws IOException {
        long mark = log.mark();
        CliRun check = CliRun.of(command("check", input));

        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.lines().stream().filter(line -> line.startsWith("error")).toList()).as(check.out())
                .singleElement().asString().contains(BadInput.JOB + ".yml").contains(input.named());
        assertThat(check.err()).as("stderr").isEmpty();
        assertNoFileUnder(out());
        assertNeverSentAsSql(input, mark);
    }

    private List<String> command(String command, BadInput input) throws IOException {
        Path jobs = PROJECT_JOBS;
        if (input.jobFile() != null) {
            jobs = Files.createDirectories(dir.resolve("jobs"));
            Files.write(jobs.resolve(BadInput.JOB + ".yml"), input.jobFile());
        }
        var args = new ArrayList<>(List.of(command));
        args.addAll(input.args());
        args.addAll(List.of("--out", out().toString(), "--jobs-dir", jobs.toString(), "--source-url", source,
                "--store-url", store));
        return args;
    }

    private Path out() {
        return dir.resolve("out");
    }

    /** check may create the output folder to see that it is writable; nothing may be left in it. */
    private static void assertNoFileUnder(Path out) throws IOException {
        if (Files.exists(out)) {
            try (var files = Files.walk(out)) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("files under " + out).isEmpty();
            }
        }
    }

    /**
     * The marker is in no SQL text. A well-formed name may reach the catalog lookup, but only as a bound
     * parameter, which the server logs apart and never parses; anything else is not in the log at all.
     */
    private static void assertNeverSentAsSql(BadInput input, long mark) {
        if (input.marker() == null) {
            return;
        }
        assertThat(log.statementsSince(mark)).as("statements the server was sent")
                .noneMatch(statement -> statement.contains(input.marker()));
        if (!input.looksUpCatalog()) {
            assertThat(log.textSince(mark)).as("the server's log").doesNotContain(input.marker());
        }
    }
}
