package io.progressreports.cli;

/** Entry point: picocli parses first, so --help and bad flags never start Spring or a database. */
public final class ProgressReports {

    private ProgressReports() {
    }

    public static void main(String[] args) {
        System.exit(ProgressReportsCommand.execute(args));
    }
}
