package io.progressreports.day;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DayReasonsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-10-01");
    private static final String MINE = definition("7001", "app", "UTC", 2, "week");

    private static String definition(String system, String database, String zone, int format, String grain) {
        return "{\"steps\":[\"git_write\"],\"grain\":\"" + grain + "\",\"source\":{\"system\":\"" + system
                + "\",\"database\":\"" + database + "\",\"columns\":{},\"zone\":\"" + zone + "\"},\"format\":" + format
                + "}";
    }

    private static String reason(String... others) {
        return DayReasons.of(false, Map.of(), Map.of(DAY, List.of(others)), MINE).apply(DAY);
    }

    @Test
    void aDayStoredNowhereIsNew() {
        assertThat(DayReasons.of(false, Map.of(), Map.of(), MINE).apply(DAY)).isEqualTo(DayReasons.NEW);
    }

    @Test
    void aDayFromAnotherDatabaseOrServerIsFromAnotherSource() {
        assertThat(reason(definition("7001", "other", "UTC", 2, "week"))).isEqualTo("other source");
        assertThat(reason(definition("9999", "app", "UTC", 2, "week"))).isEqualTo("other source");
    }

    @Test
    void theSourceZoneTheFormatAndTheRestAreToldApart() {
        assertThat(reason(definition("7001", "app", "America/New_York", 2, "week"))).isEqualTo("other source zone");
        assertThat(reason(definition("7001", "app", "UTC", 1, "week"))).isEqualTo(DayReasons.FORMAT);
        assertThat(reason(definition("7001", "app", "UTC", 2, "month"))).isEqualTo(DayReasons.OTHER_DEFINITION);
    }

    /** A day stored before sources and formats were kept: its definition has neither. */
    @Test
    void aDayFromBeforeFormatsHadAnotherFormat() {
        assertThat(reason("{\"steps\":[\"git_write\"],\"grain\":\"week\"}")).isEqualTo(DayReasons.FORMAT);
    }

    /** The nearest stored definition tells: another source's day does not hide that only the format changed. */
    @Test
    void theNearestOtherDefinitionGivesTheReason() {
        assertThat(reason(definition("9999", "other", "Europe/Berlin", 1, "month"),
                definition("7001", "app", "UTC", 1, "week"))).isEqualTo(DayReasons.FORMAT);
    }

    @Test
    void theDaysOwnStateAndRecomputeComeFirst() {
        assertThat(DayReasons.of(false, Map.of(DAY, DayReasons.NOT_FINAL),
                Map.of(DAY, List.of(definition("9999", "app", "UTC", 2, "week"))), MINE).apply(DAY))
                .isEqualTo(DayReasons.NOT_FINAL);
        assertThat(DayReasons.of(true, Map.of(), Map.of(), MINE).apply(DAY)).isEqualTo(DayReasons.RECOMPUTE);
    }

    @Test
    void aPlanCountsItsReasonsAndKeepsThemThroughItsText() {
        var stored = new HashMap<LocalDate, String>();
        stored.put(DAY, DayReasons.NOT_FINAL);
        stored.put(DAY.plusDays(1), null);
        DayPlan plan = DayReasons.plan(DAY, DAY.plusDays(3), stored, false, Map.of(DAY.plusDays(2), List.of(definition("9", "b", "UTC", 2,
                        "week"))), MINE, 7, 1);

        assertThat(plan.reusedDays()).isEqualTo(1);
        assertThat(plan.recomputed()).containsExactly(Map.entry(DayReasons.NOT_FINAL, 1L),
                Map.entry("other source", 1L), Map.entry(DayReasons.NEW, 1L));
        assertThat(DayPlan.decode(plan.encode())).isEqualTo(plan);
        assertThat(DayPlan.decode("2026-10-01/2026-10-02;3").recomputed()).isEmpty();
    }
}
