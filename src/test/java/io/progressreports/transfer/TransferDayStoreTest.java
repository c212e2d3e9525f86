package io.progressreports.transfer;

import io.progressreports.RecordedValues;
import io.progressreports.TestDatabase;
import io.progressreports.launch.RunOptions;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.source.Micros;
import io.progressreports.source.SourceIdentity;
import io.progressreports.source.TableName;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A transfer day goes into the store and comes back as it was, every figure and histogram of it, with its rejected
 * rows (infinite and missing times included); a reset span is empty again, and a completed one is final where the
 * grace period has passed.
 */
class TransferDayStoreTest {

    private static final LocalDate DAY = LocalDate.parse("2026-10-30");
    /** Oct 30 is final one day after its end; Oct 31 is not yet at this as-of. */
    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

    private TransferDayStore store;
    private JdbcTemplate sql;

    @BeforeEach
    void emptyStore() {
        var dataSource = TestDatabase.dataSource(TestDatabase.newStoreUrl());
        sql = new JdbcTemplate(dataSource);
        var steps = new TableName("public", "deployment_steps");
        var timings = new TableName("public", "deployment_step_timings");
        var source = new SourceIdentity("7453127819826152734", "app", Map.of(steps.toString(),
                Map.of("started_at", "timestamp with time zone")), ZoneOffset.UTC);
        var run = new TransferRun("transfer-speed", steps, timings, source, ZoneOffset.UTC,
                new DateRange(DAY, DAY.plusDays(1)), AS_OF, Grain.DAY, Duration.ofDays(1), false,
                new RunOptions(Path.of("reports"), true, 7, null, "", true), List.of(),
                TransferStatuses.of(TransferStatuses.DEFAULT), false);
        store = new TransferDayStore(sql, run);
        store.registerDefinition();
    }

    private static StepTimingRow row(long id, long startedAt, long finishedAt) {
        return new StepTimingRow(id, TransferRules.TRANSFER_STEP, "completed", 10, 7, 0, true, startedAt, finishedAt);
    }

    /** A day with a record of every kind, speeds and durations spread over orders of magnitude. */
    private static TransferDay everyKindOfRecord() {
        var day = new TransferDay();
        for (int i = 1; i <= 500; i++) {
            day.add(new TimingRecord.Transfer(DAY, i * 37L, i * 1_234_567L, i % 24));
        }
        day.add(new TimingRecord.Transfer(DAY, 3, 1, 23));
        day.add(new TimingRecord.Rejected(DAY, "finished_before_start", row(1, 2_000_000, 1_000_000)));
        day.add(new TimingRecord.Rejected(DAY, "started_at_missing", row(2, Micros.MINUS_INFINITY, 5_000_000)));
        day.add(new TimingRecord.Untimed(DAY, 3));
        day.add(new TimingRecord.Untimed(DAY, 4));
        day.add(new TimingRecord.OtherStatus(DAY, "failed"));
        day.add(new TimingRecord.OtherStatus(DAY, TransferStatuses.NULL));
        for (int i = 1; i <= 50; i++) {
            day.add(new TimingRecord.StepDuration(DAY, "building", i * 3_000_000L));
            day.add(new TimingRecord.StepDuration(DAY, "deploying \"prod\", eu", i * 11L));
        }
        return day;
    }

    /** Everything a report reads from a day, in a form that compares by value. */
    private static Map<String, Object> figures(TransferDay day) {
        return Map.of("counts", List.of(day.transfers(), day.items(), day.micros(), day.untimed()),
                "speeds", List.of(day.minSpeed(), day.maxSpeed(), RecordedValues.of(day.speeds()),
                        List.of(day.speedPercentiles()[0], day.speedPercentiles()[1], day.speedPercentiles()[2])),
                "rejected", day.rejected(),
                "statuses", day.statuses(),
                "cells", HexFormat.of().formatHex(day.cells().encode()),
                "steps", day.steps().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, step -> List.of(
                        step.getValue().steps(), step.getValue().micros(), step.getValue().minMicros(),
                        step.getValue().maxMicros(), RecordedValues.of(step.getValue().seconds())))));
    }

    @Test
    void aDayComesBackWithEveryFigureItWasSavedWith() {
        TransferDay saved = everyKindOfRecord();

        store.save(DAY, saved);

        assertThat(store.load(DAY).map(TransferDayStoreTest::figures)).contains(figures(saved));
        assertThat(figures(saved).get("steps")).asInstanceOf(InstanceOfAssertFactories.MAP).containsOnlyKeys(
                TransferRules.TRANSFER_STEP, "building", "deploying \"prod\", eu");
    }

    @Test
    void anEmptyDayComesBackEmptyWithNoSpeedsAtAll() {
        store.save(DAY, new TransferDay());

        TransferDay loaded = store.load(DAY).orElseThrow();
        assertThat(figures(loaded)).isEqualTo(figures(new TransferDay()));
        assertThat(loaded.minSpeed()).isInfinite();
    }

    @Test
    void rejectedRowsComeBackAsReadAndAResetSpanIsEmptyAgain() {
        var rejects = List.of(
                new TimingRecord.Rejected(DAY, "finished_before_start", row(11, 2_000_000, 1_000_000)),
                new TimingRecord.Rejected(DAY, "started_at_missing", row(12, Micros.MINUS_INFINITY, Micros.INFINITY)),
                new TimingRecord.Rejected(DAY.plusDays(1), "finished_at_missing", row(13, 1_000_000, Micros.NONE)));
        store.reset(DAY, DAY.plusDays(1));
        store.saveRejects(Stream.concat(rejects.stream(), Stream.of(new TimingRecord.Untimed(DAY, 14))).toList());

        assertThat(store.rejects(DAY, DAY.plusDays(1))).containsExactly(
                new TransferDayStore.Reject(11, DAY, "finished_before_start", 2_000_000, 1_000_000,
                        new BigDecimal(7), new BigDecimal(10)),
                new TransferDayStore.Reject(12, DAY, "started_at_missing", Micros.MINUS_INFINITY, Micros.INFINITY,
                        new BigDecimal(7), new BigDecimal(10)),
                new TransferDayStore.Reject(13, DAY.plusDays(1), "finished_at_missing", 1_000_000, Micros.NONE,
                        new BigDecimal(7), new BigDecimal(10)));

        store.save(DAY, everyKindOfRecord());
        store.reset(DAY, DAY);

        assertThat(store.rejects(DAY, DAY.plusDays(1))).extracting(TransferDayStore.Reject::stepId).containsExactly(13L);
        assertThat(store.load(DAY).map(TransferDayStoreTest::figures)).contains(figures(new TransferDay()));
    }

    @Test
    void aCompletedSpanIsFinalWhereItsGracePeriodHasPassed() {
        store.reset(DAY, DAY.plusDays(1));
        assertThat(store.states(DAY, DAY.plusDays(1))).noneMatch(TransferDayStore.DayState::complete);

        store.complete(DAY, DAY.plusDays(1));

        assertThat(store.states(DAY, DAY.plusDays(1))).extracting(TransferDayStore.DayState::day,
                        TransferDayStore.DayState::complete, TransferDayStore.DayState::isFinal)
                .containsExactlyInAnyOrder(
                        tuple(DAY, true, true),
                        tuple(DAY.plusDays(1), true, false));
        assertThat(sql.queryForObject("select count(*) from transfer_day", Long.class)).isEqualTo(2);
    }
}
