package io.progressreports.cli;

import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.UsageException;
import io.progressreports.history.HistoryPrinter;
import io.progressreports.history.RunHistory;
import io.progressreports.history.RunRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The recent runs of each job from the store, newest first: range, status, start, duration, "
                + "rows read, rejected and untimed, days computed and reused, and the exit code the run ended with.",
                "Figures are blank where a run never got that far; the exit code is blank while a run is going, or "
                        + "when it was killed."},
        footer = {"", "Exit codes: 0 done, 64 bad usage, 69 store unreachable, 70 internal error."})
public class HistoryCommand implements Callable<Integer> {

    @Option(names = "--job", paramLabel = "NAME", description = "Only this job's runs, e.g. onboarding-funnel.")
    String job;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Runs per job (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--csv", description = "CSV on stdout (no byte order mark), for scripts.")
    boolean csv;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws IOException {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1, not " + limit);
        }
        try (var context = store.settings().start()) {
            List<RunRow> runs = context.getBean(RunHistory.class).recent(job, limit);
            if (csv) {
                var out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                HistoryPrinter.csv(out, runs);
                out.flush();
            } else {
                System.out.print(runs.isEmpty() ? "no runs yet" + System.lineSeparator() : HistoryPrinter.table(runs));
            }
            return ExitCodes.OK;
        }
    }
}
