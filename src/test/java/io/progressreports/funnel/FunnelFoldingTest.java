package io.progressreports.funnel;

import io.progressreports.failure.UsageException;
import io.progressreports.job.FunnelOrder;
import io.progressreports.source.TableName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A day holds at most 200 segments: a breakdown by a column like an id stops the run rather than the store. */
class FunnelFoldingTest {

    private static final LocalDate DAY = LocalDate.parse("2026-10-01");
    private static final FunnelDefinition DEFINITION = new FunnelDefinition(List.of("git_write"),
            List.of("git_write"), Duration.ofDays(30), FunnelOrder.SEQUENTIAL, List.of(Duration.ofDays(1)));

    private static NamespaceOutcome namespace(long id, String segment) {
        return new NamespaceOutcome(id, DAY, 0, new long[] {0}, new long[] {OnboardingRow.NONE},
                new long[] {OnboardingRow.NONE}, segment);
    }

    @Test
    void aDayTakesUpTo200SegmentsAndStopsAtOneMore() {
        var folding = new FunnelFolding(DEFINITION, new SegmentColumn(new TableName("public", "namespaces"), "name",
                "namespace_id", "id"));
        FunnelDayAggregate day = folding.empty();
        for (int i = 0; i < FunnelFolding.MAX_SEGMENTS_PER_DAY - 1; i++) {
            folding.add(day, namespace(i, "name " + i));
        }
        folding.add(day, namespace(1000, null));
        folding.add(day, namespace(1001, "name 1"));
        folding.add(day, namespace(1002, null));
        assertThat(day.segments()).hasSize(200);
        assertThat(day.namespaces()).isEqualTo(202);

        assertThatThrownBy(() -> folding.add(day, namespace(2000, "one too many")))
                .isInstanceOf(UsageException.class)
                .hasMessage("breakdown public.namespaces.name has more than 200 values among the namespaces created"
                        + " on 2026-10-01: a breakdown needs a column of few values (a type, a plan), not one like"
                        + " an id");
    }

    @Test
    void withoutABreakdownADayHasNoSegments() {
        var folding = new FunnelFolding(DEFINITION, null);
        FunnelDayAggregate day = folding.empty();
        for (int i = 0; i < 500; i++) {
            folding.add(day, namespace(i, null));
        }
        assertThat(day.segmented()).isFalse();
        assertThat(day.segments()).isEmpty();
    }
}
