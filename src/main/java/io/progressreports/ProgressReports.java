package io.progressreports;

import io.progressreports.cli.ProgressReportsCommand;

/** Entry point: picocli parses first, so --help and bad flags never start Spring or a database. */
public final class ProgressReports {

    private ProgressReports() {
    }

    public static void main(String[] args) {
        System.exit(ProgressReportsCommand.execute(args));
    }
}
