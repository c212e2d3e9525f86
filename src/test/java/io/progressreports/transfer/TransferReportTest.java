package io.progressreports.transfer;

import io.progressreports.day.StoredDays;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.source.Micros;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class TransferReportTest {

    private static LocalDate day(int d) {
        return LocalDate.of(2026, 11, d);
    }

    @Test
    void weeksAreMergedFromDaysWithExactSumsAndMergedHistograms() {
        Map<LocalDate, TransferDay> days = new HashMap<>();
        TransferDay monday = new TransferDay();
        monday.add(new TimingRecord.Transfer(day(2), 100, 1_000_000, 9));          // 100 items/s
        monday.add(new TimingRecord.Rejected(day(2), "started_at_missing",
                new StepTimingRow(1, "transfer_files", "completed", 1L, 1L, 0, true, Micros.NONE, 0)));
        TransferDay tuesday = new TransferDay();
        tuesday.add(new TimingRecord.Transfer(day(3), 300, 1_000_000, 9));         // 300 items/s
        tuesday.add(new TimingRecord.Transfer(day(3), 600, 3_000_000, 14));         // 200 items/s
        tuesday.add(new TimingRecord.Untimed(day(3), 9));
        tuesday.add(new TimingRecord.OtherStatus(day(3), "failed"));
        tuesday.add(new TimingRecord.OtherStatus(day(3), "Cancelled"));
        monday.add(new TimingRecord.OtherStatus(day(2), "done"));
        tuesday.add(new TimingRecord.StepDuration(day(3), "building", 90_000_000));
        days.put(day(2), monday);
        days.put(day(3), tuesday);

        TransferReport report = build(stored(days), new DateRange(day(2), day(8)), day(8), Grain.WEEK);

        TransferReport.SpeedRow week = report.speeds().get(0);
        assertThat(week.transfers()).isEqualTo(3);
        assertThat(week.items()).isEqualTo(1000);
        assertThat(week.micros()).isEqualTo(5_000_000);
        assertThat(week.itemsPerSecond()).isEqualTo(200.0);
        assertThat(week.p50()).isCloseTo(200, within(0.2));
        assertThat(week.max()).isEqualTo(300.0);
        assertThat(week.rejected()).isEqualTo(1);
        assertThat(week.untimed()).isEqualTo(1);
        assertThat(report.durations()).extracting(TransferReport.DurationRow::step)
                .containsExactly("building", "transfer_files");
        assertThat(report.transferRows()).isEqualTo(report.usedRows() + report.rejectedRows() + report.untimedRows());
        OutcomeCounts statuses = report.statuses().get(0).counts();
        assertThat(List.of(statuses.total(), statuses.completed(), statuses.failed(), statuses.canceled(),
                statuses.running(), statuses.other())).containsExactly(8L, 5L, 1L, 1L, 0L, 1L);
        assertThat(statuses.failureRate()).isEqualTo(1.0 / 6);
        assertThat(report.bySize()).extracting(TransferReport.CellRow::key, TransferReport.CellRow::transfers,
                TransferReport.CellRow::items).containsExactly(tuple(3, 3L, 1000L));
        assertThat(report.byHour()).hasSize(24).extracting(TransferReport.CellRow::transfers)
                .containsOnly(0L, 2L, 1L);
        TransferReport.CellRow nine = report.byHour().get(9);
        assertThat(List.of(nine.transfers(), nine.items(), nine.micros(), nine.maxMicros()))
                .containsExactly(2L, 400L, 2_000_000L, 1_000_000L);
        assertThat(nine.p10Speed()).isCloseTo(100, within(0.05));
        assertThat(nine.p90Speed()).isCloseTo(300, within(0.15));
        assertThat(nine.maxSpeed()).isEqualTo(300.0);
        assertThat(report.byHour().get(14).p50Seconds()).isEqualTo(3.0);
        assertThat(report.byHour().get(0).p50Seconds()).isNaN();
        assertThat(report.notCompleted()).containsExactly(Map.entry("Cancelled", 1L), Map.entry("done", 1L),
                Map.entry("failed", 1L));
    }

    @Test
    void aPeriodWithoutTransfersHasCountsButNoSpeeds() {
        TransferReport report = build(stored(Map.of()), new DateRange(day(1), day(2)), day(2),
                Grain.DAY);
        assertThat(report.speeds()).hasSize(2);
        assertThat(report.speeds().get(0).p50()).isNaN();
        assertThat(report.speeds().get(0).itemsPerSecond()).isNaN();
        assertThat(report.durations()).isEmpty();
        assertThat(report.bySize()).isEmpty();
        assertThat(report.byHour()).hasSize(48).allMatch(row -> row.transfers() == 0 && Double.isNaN(row.p50Speed()));
    }

    /**
     * A histogram's value stands for its bucket's middle: for a lone value in a bucket's lower half, p99 came out
     * above the maximum (and for one in its upper half, below the minimum). Days of one row each, speeds and
     * durations spread over many buckets, must all keep min <= p50 <= p90 <= p99 <= max, and a row of one value
     * has that value as every percentile.
     */
    @Test
    void percentilesStayWithinTheExactExtremesInEveryRow() {
        Map<LocalDate, TransferDay> days = new HashMap<>();
        long micros = 1_000_003;
        for (int d = 1; d <= 30; d++) {
            TransferDay day = new TransferDay();
            for (int row = 0; row < (d % 3 == 0 ? 2 : 1); row++) {
                micros = micros * 1_000_033 / 1_000_000 + 7 * d;
                day.add(new TimingRecord.Transfer(day(d), 1000 + d * 37L, micros, d % 24));
                day.add(new TimingRecord.StepDuration(day(d), "building", micros + 123));
            }
            days.put(day(d), day);
        }

        TransferReport report = build(stored(days), new DateRange(day(1), day(30)), day(30),
                Grain.DAY);

        for (TransferReport.SpeedRow row : report.speeds()) {
            TransferDay day = days.get(row.period().start());
            assertThat(new double[] {day.minSpeed(), row.p50(), row.p90(), row.p99(), row.max()})
                    .as("speeds of %s", row.period().start()).isSorted();
            if (row.transfers() == 1) {
                assertThat(row.p50()).isEqualTo(row.max());
            }
        }
        for (TransferReport.DurationRow row : report.durations()) {
            StepStats stats = days.get(row.period().start()).steps().get(row.step());
            assertThat(new double[] {stats.minMicros() / 1e6, row.p50(), row.p90(), row.p99(),
                    row.maxMicros() / 1e6}).as("durations of %s", row.period().start()).isSorted();
            if (row.steps() == 1) {
                assertThat(row.p99()).isEqualTo(row.maxMicros() / 1e6);
            }
        }
    }

    /**
     * Fits found in the cache are the fits made: a second run over the same days finds every one and its report's
     * lines, backtest and model are equal, to the bit, to those of a run without a cache; a day whose points
     * changed has its windows' fits made again, while the windows without it are still found.
     */
    @Test
    void keptFitsGiveTheReportOfFitsMadeAndAChangedDayIsFittedAgain() {
        var kept = new HashMap<String, byte[]>();
        var saves = new AtomicInteger();
        var finds = new AtomicInteger();
        var cache = new EtaFitCache(new EtaFitCache.Store() {
            @Override
            public byte[] find(byte[] digest) {
                byte[] value = kept.get(HexFormat.of().formatHex(digest));
                if (value != null) {
                    finds.incrementAndGet();
                }
                return value;
            }

            @Override
            public void save(byte[] digest, byte[] value) {
                saves.incrementAndGet();
                kept.put(HexFormat.of().formatHex(digest), value);
            }
        });
        var range = new DateRange(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 31));
        LocalDate last = range.to();

        TransferReport first = TransferReport.build(stored(etaDays(range, null)), range, last, Grain.DAY, cache);
        int made = saves.get();
        TransferReport again = TransferReport.build(stored(etaDays(range, null)), range, last, Grain.DAY, cache);
        TransferReport uncached = build(stored(etaDays(range, null)), range, last, Grain.DAY);

        // A line pair per day, and a refit each Monday from Sep 14 to Oct 26 (Sep 7 has 6 days before it in range).
        assertThat(made).isEqualTo(61 + 7);
        assertThat(saves.get()).isEqualTo(made);
        assertThat(finds.get()).isEqualTo(made);
        assertThat(first.backtest()).filteredOn(row -> !Double.isNaN(row.modelMedianError())).hasSize(48);
        for (TransferReport report : List.of(first, again)) {
            assertThat(report.fits()).isEqualTo(uncached.fits());
            assertThat(report.backtest()).isEqualTo(uncached.backtest());
            assertThat(report.etaModel()).isEqualTo(uncached.etaModel());
        }

        LocalDate changed = LocalDate.of(2026, 10, 10);
        finds.set(0);
        saves.set(0);
        TransferReport recomputed = TransferReport.build(stored(etaDays(range, changed)), range, last, Grain.DAY,
                cache);
        TransferReport recomputedUncached = build(stored(etaDays(range, changed)), range, last,
                Grain.DAY);

        assertThat(recomputed.fits()).isEqualTo(recomputedUncached.fits());
        assertThat(recomputed.backtest()).isEqualTo(recomputedUncached.backtest())
                .isNotEqualTo(first.backtest());
        // Made again: Oct 10's lines, and the refits of the Mondays Oct 12 to Nov 2 whose windows hold it (Oct 12,
        // 19, 26; Nov 2 is past the range).
        assertThat(saves.get()).isEqualTo(1 + 3);
        assertThat(finds.get()).isEqualTo(made - saves.get());
    }

    /** Two months of transfers at every hour, the same for every call; one more on {@code changed}. */
    private static Map<LocalDate, TransferDay> etaDays(DateRange range, LocalDate changed) {
        var days = new HashMap<LocalDate, TransferDay>();
        var random = new Random(18);
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            TransferDay day = new TransferDay();
            for (int i = 0; i < 60; i++) {
                long items = 1 + random.nextInt(50_000);
                int hour = random.nextInt(24);
                long micros = (long) ((2 + items / (100.0 + 4 * hour)) * (0.8 + 0.6 * random.nextDouble()) * 1e6);
                day.add(new TimingRecord.Transfer(d, items, micros, hour));
            }
            if (d.equals(changed)) {
                day.add(new TimingRecord.Transfer(d, 12_345, 99_000_000, 5));
            }
            days.put(d, day);
        }
        return days;
    }

    /** The report with every fit made: a cache that keeps nothing. */
    private static TransferReport build(StoredDays<TransferDay> days, DateRange range, LocalDate lastDay,
                                        Grain grain) {
        return TransferReport.build(days, range, lastDay, grain, new EtaFitCache(new EtaFitCache.Store() {
            @Override
            public byte[] find(byte[] digest) {
                return null;
            }

            @Override
            public void save(byte[] digest, byte[] value) {
            }
        }));
    }

    private static StoredDays<TransferDay> stored(Map<LocalDate, TransferDay> days) {
        return new StoredDays<>(new TreeMap<>(days).entrySet().stream(), (day, aggregate) -> { });
    }
}
