package io.progressreports.transfer;

import io.progressreports.source.Micros;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class TransferRulesTest {

    private static final TransferRules UTC = new TransferRules(ZoneOffset.UTC, TransferStatuses.of(TransferStatuses.DEFAULT));
    private static final long START = Micros.of(Instant.parse("2026-10-01T10:00:00Z"));

    private static StepTimingRow transfer(long started, long finished, Number completed, Number total) {
        return new StepTimingRow(1, "transfer_files", "completed", total, completed, finished == Micros.NONE
                ? START + 5_000_000 : finished + 3_000_000, true, started, finished);
    }

    private static String reason(StepTimingRow row) {
        return ((TimingRecord.Rejected) UTC.classify(row)).reason();
    }

    @Test
    void speedIsItemsPerSecondWithMicrosecondDurations() {
        var record = (TimingRecord.Transfer) UTC.classify(transfer(START, START + 1_500_001, 3000L, 3000L));
        assertThat(record.micros()).isEqualTo(1_500_001);
        assertThat(record.itemsPerSecond()).isEqualTo(3000 / 1.500001);
        assertThat(record.day()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    /**
     * A transfer's hour is that of its start in the report zone (its day, that of its finish): Berlin's 25-hour
     * day has 02:xx twice, and a transfer started before midnight keeps its hour on the next day. The process's own
     * time zone changes neither.
     */
    @Test
    void theHourIsTheStartsInTheReportZoneWhateverTheProcessZone() {
        var berlin = new TransferRules(ZoneId.of("Europe/Berlin"), TransferStatuses.of(TransferStatuses.DEFAULT));
        TimeZone original = TimeZone.getDefault();
        try {
            for (String processZone : List.of("UTC", "Asia/Kolkata", "Pacific/Kiritimati")) {
                TimeZone.setDefault(TimeZone.getTimeZone(processZone));
                assertThat(List.of(hour(berlin, "2026-10-25T02:29:00+02:00", "2026-10-25T02:30:00+02:00"),
                        hour(berlin, "2026-10-25T02:29:00+01:00", "2026-10-25T02:30:00+01:00"),
                        hour(berlin, "2026-10-24T23:50:00+02:00", "2026-10-25T00:10:00+02:00"),
                        hour(UTC, "2026-10-24T23:50:00+02:00", "2026-10-25T00:10:00+02:00")))
                        .as("process zone %s", processZone).containsExactly(2, 2, 23, 21);
            }
        } finally {
            TimeZone.setDefault(original);
        }
        var record = (TimingRecord.Transfer) berlin.classify(transfer(
                Micros.of(Instant.parse("2026-10-24T23:50:00+02:00")),
                Micros.of(Instant.parse("2026-10-25T00:10:00+02:00")), 10L, 10L));
        assertThat(record.day()).isEqualTo(LocalDate.of(2026, 10, 25));
    }

    private static int hour(TransferRules rules, String started, String finished) {
        return ((TimingRecord.Transfer) rules.classify(transfer(Micros.of(Instant.parse(started)),
                Micros.of(Instant.parse(finished)), 10L, 10L))).hour();
    }

    @Test
    void eachBrokenRuleRejectsWithItsReasonInOrder() {
        assertThat(reason(transfer(Micros.NONE, Micros.NONE, 10L, 10L))).isEqualTo("finished_at_missing");
        assertThat(reason(transfer(Micros.NONE, START, 10L, 10L))).isEqualTo("started_at_missing");
        assertThat(reason(transfer(START, START, 10L, 10L))).isEqualTo("duration_not_positive");
        assertThat(reason(transfer(START, START - 1, null, 10L))).isEqualTo("duration_not_positive");
        assertThat(reason(transfer(START, START + 1, null, 10L))).isEqualTo("completed_items_missing");
        assertThat(reason(transfer(START, START + 1, -1L, 10L))).isEqualTo("completed_items_negative");
        assertThat(reason(transfer(START, START + 1, 11L, 10L))).isEqualTo("completed_items_over_total");
        assertThat(UTC.classify(transfer(START, START + 1, 11L, null))).isInstanceOf(TimingRecord.Transfer.class);
    }

    /** 600.5 of 600 used to be read as 600 of 600: a fraction in either count is its own reason, never truncated. */
    @Test
    void fractionalItemCountsAreRejectedNotTruncated() {
        assertThat(reason(transfer(START, START + 1, new BigDecimal("600.5"), 600L))).isEqualTo("items_fractional");
        assertThat(reason(transfer(START, START + 1, 600L, new BigDecimal("600.5")))).isEqualTo("items_fractional");
        assertThat(reason(transfer(START, START + 1, new BigDecimal("-0.5"), 600L))).isEqualTo("items_fractional");
        assertThat(reason(transfer(START, START + 1, null, new BigDecimal("0.5"))))
                .isEqualTo("completed_items_missing");
    }

    @Test
    void aRejectWithoutFinishBelongsToTheDayOfItsUpdate() {
        long updated = Micros.of(Instant.parse("2026-10-02T00:00:01Z"));
        var row = new StepTimingRow(1, "transfer_files", "completed", 10L, 10L, updated, true, START, Micros.NONE);
        assertThat(UTC.classify(row).day()).isEqualTo(LocalDate.of(2026, 10, 2));
    }

    @Test
    void aStepFinishingExactlyAtMidnightBelongsToTheNewDay() {
        long midnight = Micros.of(Instant.parse("2026-10-02T00:00:00Z"));
        assertThat(UTC.classify(transfer(midnight - 10_000_000, midnight, 5L, 5L)).day())
                .isEqualTo(LocalDate.of(2026, 10, 2));
        assertThat(UTC.classify(transfer(midnight - 10_000_000, midnight - 1, 5L, 5L)).day())
                .isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void daysAreCalendarDaysInTheReportZoneAcrossDst() {
        var berlin = new TransferRules(ZoneId.of("Europe/Berlin"), TransferStatuses.of(TransferStatuses.DEFAULT));
        // 2026-10-25 is 25 hours long in Berlin: 22:30Z on the 25th is still the 25th (23:30 CET).
        long late = Micros.of(Instant.parse("2026-10-25T22:30:00Z"));
        assertThat(berlin.classify(transfer(late - 1_000_000, late, 1L, 1L)).day())
                .isEqualTo(LocalDate.of(2026, 10, 25));
        long early = Micros.of(Instant.parse("2026-10-24T22:30:00Z"));
        assertThat(berlin.classify(transfer(early - 1_000_000, early, 1L, 1L)).day())
                .isEqualTo(LocalDate.of(2026, 10, 25));
    }

    @Test
    void completedStepsWithoutTimingAreUntimedAndOtherStepsGiveDurationsOrOutcomes() {
        long updated = Micros.of(Instant.parse("2026-10-03T12:00:00Z"));
        var untimed = new StepTimingRow(7, "transfer_files", "completed", 5L, 5L, updated, false, Micros.NONE,
                Micros.NONE);
        assertThat(UTC.classify(untimed)).isEqualTo(new TimingRecord.Untimed(LocalDate.of(2026, 10, 3), 7));

        var building = new StepTimingRow(8, "building", "completed", null, null, updated, true, START,
                START + 90_000_000);
        assertThat(UTC.classify(building))
                .isEqualTo(new TimingRecord.StepDuration(LocalDate.of(2026, 10, 1), "building", 90_000_000));
        var failedBuild = new StepTimingRow(9, "building", "failed", null, null, updated, true, START, START + 1);
        assertThat(UTC.classify(failedBuild)).isEqualTo(new TimingRecord.OtherStep(LocalDate.of(2026, 10, 1),
                "building", TransferStatuses.Category.FAILED));
        var untimedBuild = new StepTimingRow(10, "building", "Completed", null, null, updated, false, Micros.NONE,
                Micros.NONE);
        assertThat(UTC.classify(untimedBuild)).isEqualTo(new TimingRecord.OtherStep(LocalDate.of(2026, 10, 3),
                "building", TransferStatuses.Category.COMPLETED));
    }

    /**
     * Every transfer row is accounted for: one whose status is not a completed one is counted under its status, on
     * the day of its finish, or of its update when it has none.
     */
    @Test
    void transfersOfOtherStatusesAreCountedUnderTheirStatusOnTheirDay() {
        long updated = Micros.of(Instant.parse("2026-10-03T12:00:00Z"));
        var failed = new StepTimingRow(9, "transfer_files", "failed", 5L, 1L, updated, true, START, START + 1);
        assertThat(UTC.classify(failed)).isEqualTo(new TimingRecord.OtherStatus(LocalDate.of(2026, 10, 1), "failed"));
        var running = new StepTimingRow(10, "transfer_files", "Running", 5L, 1L, updated, true, START, Micros.NONE);
        assertThat(UTC.classify(running))
                .isEqualTo(new TimingRecord.OtherStatus(LocalDate.of(2026, 10, 3), "Running"));
        var none = new StepTimingRow(11, "transfer_files", null, 5L, 1L, updated, false, Micros.NONE, Micros.NONE);
        assertThat(UTC.classify(none))
                .isEqualTo(new TimingRecord.OtherStatus(LocalDate.of(2026, 10, 3), TransferStatuses.NULL));
    }

    @Test
    void completedStatusesAreTheJobsWordsInAnyCase() {
        var row = new StepTimingRow(1, "transfer_files", "COMPLETED", 10L, 10L, START + 5_000_000, true, START,
                START + 1_000_000);
        assertThat(UTC.classify(row)).isInstanceOf(TimingRecord.Transfer.class);
        var done = new TransferRules(ZoneOffset.UTC, TransferStatuses.of(List.of("Done", "success")));
        assertThat(done.classify(row)).isInstanceOf(TimingRecord.OtherStatus.class);
        var success = new StepTimingRow(1, "transfer_files", "Success", 10L, 10L, START + 5_000_000, true, START,
                START + 1_000_000);
        assertThat(done.classify(success)).isInstanceOf(TimingRecord.Transfer.class);
        assertThat(TransferStatuses.category("Cancelled")).isEqualTo(TransferStatuses.Category.CANCELED);
        assertThat(TransferStatuses.category("canceled")).isEqualTo(TransferStatuses.Category.CANCELED);
        assertThat(TransferStatuses.category("FAILED")).isEqualTo(TransferStatuses.Category.FAILED);
        assertThat(TransferStatuses.category("done")).isEqualTo(TransferStatuses.Category.OTHER);
    }
}
