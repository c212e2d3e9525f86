package io.progressreports.cli;

import io.progressreports.failure.ExitCodes;
import io.progressreports.failure.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;

/** The command line: picocli parses and validates before anything starts, and maps every failure to an exit code. */
@Command(name = "progress-reports", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Onboarding funnels by signup cohort, and file-transfer speeds and deployment step durations, "
                + "from PostgreSQL as CSV and charts.",
        subcommands = {RunCommand.class, ScheduleCommand.class, HistoryCommand.class, CheckCommand.class,
                DemoCommand.class, SeedCommand.class},
        footer = {"", "Start with: progress-reports demo",
                "Before the first run: progress-reports check. After: progress-reports history.", "",
                "Exit codes: 0 done, 64 bad usage or job file, 65 too many rows rejected (report published), "
                        + "69 source or store unreachable, 70 internal error, "
                        + "73 cannot write the output (or a --store-dir that is not a store), 75 another run of the job is in "
                        + "progress, 143 stopped by SIGTERM, 130 by SIGINT (resumable)."})
public class ProgressReportsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static int execute(String... args) {
        var commandLine = new CommandLine(new ProgressReportsCommand());
        RunCommand.withKindFlags(commandLine.getSubcommands().get("run"));
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        commandLine.setParameterExceptionHandler(ProgressReportsCommand::badParameter);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("progress-reports: " + ExitCodes.message(e));
            return ExitCodes.of(e);
        });
        return commandLine.execute(args);
    }

    private static int badParameter(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("progress-reports: " + oneLine(e.getMessage()) + " (see --help)");
        return ExitCodes.USAGE;
    }

    /**
     * picocli quotes a bad value as given, so control characters are escaped and a very long value is cut in the
     * middle: the error stays one line and still ends with picocli's reason.
     */
    private static String oneLine(String message) {
        String text = Printable.of(message == null ? "bad usage" : message.strip(), Integer.MAX_VALUE);
        return text.length() <= 240 ? text : text.substring(0, 180) + "..." + text.substring(text.length() - 60);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: run, schedule, history, check, demo or seed");
    }
}
