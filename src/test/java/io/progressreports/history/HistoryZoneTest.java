package io.progressreports.history;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written by processes in different time zones (cron in UTC, an engineer in Europe/Berlin) shows each run's
 * start as the instant it was, whatever the zone of the process that reads it. Each run of the CLI here is a new
 * application with new store connections, so setting this JVM's zone between them is a process of another zone.
 */
class HistoryZoneTest {

    private static final TimeZone ORIGINAL = TimeZone.getDefault();

    @TempDir
    Path dir;

    private final String store = TestDatabase.newStoreUrl();

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(ORIGINAL);
    }

    /** Runs the job in {@code zone}; returns the instants just before and after the run. */
    private Instant[] runIn(String zone, String date) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CliRun run = CliRun.of(List.of("run", "onboarding-funnel", "--source-url", TestDatabase.seededSourceUrl(),
                "--store-url", store, "--out", dir.resolve("out").toString(), "--date", date, "--as-of",
                "2026-11-01T00:00:00Z"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new Instant[] {before, Instant.now()};
    }

    private List<CSVRecord> historyIn(String zone) throws IOException {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        CliRun history = CliRun.of(List.of("history", "--store-url", store, "--csv"));
        assertThat(history.exitCode()).as(history.err()).isZero();
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(history.out())).getRecords();
    }

    @Test
    void runsStartedInTwoZonesShowTheirStartInstantsInAThird() throws IOException {
        Instant[] utc = runIn("UTC", "2026-09-01");
        Instant[] berlin = runIn("Europe/Berlin", "2026-09-02");

        for (String reader : List.of("Pacific/Kiritimati", "America/Los_Angeles", "UTC")) {
            List<CSVRecord> rows = historyIn(reader);
            assertThat(rows).as(reader).hasSize(2);
            // Newest first: Berlin's run, then UTC's.
            assertStartWithin(rows.get(0), berlin, reader);
            assertStartWithin(rows.get(1), utc, reader);
        }
    }

    private static void assertStartWithin(CSVRecord row, Instant[] run, String reader) {
        assertThat(Instant.parse(row.get("start"))).as("read in " + reader).isBetween(run[0], run[1]);
    }
}
