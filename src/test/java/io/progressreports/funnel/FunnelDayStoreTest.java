package io.progressreports.funnel;

import io.progressreports.RecordedValues;
import io.progressreports.TestDatabase;
import io.progressreports.job.FunnelOrder;
import io.progressreports.launch.RunOptions;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.source.Micros;
import io.progressreports.source.SourceIdentity;
import io.progressreports.source.TableName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A funnel day goes into the store and comes back as it was: namespaces, steps reached and their hours histograms,
 * completions by age, actions before creation and after as-of, rejected rows; and the namespaces that stopped
 * before the last step come back as dropoffs.
 */
class FunnelDayStoreTest {

    private static final LocalDate DAY = LocalDate.parse("2026-10-01");
    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final long HOUR = Micros.of(Duration.ofHours(1));
    private static final long NONE = OnboardingRow.NONE;
    private static final FunnelDefinition DEFINITION = new FunnelDefinition(
            List.of("git_write", "merge_request_created", "pipeline_created"), List.of("git_write",
            "merge_request_created"), Duration.ofDays(30), FunnelOrder.SEQUENTIAL, List.of(Duration.ofDays(1)));

    private static final SegmentColumn SEGMENT = new SegmentColumn(new TableName("public", "namespaces"), "type",
            "namespace_id", "id");

    private FunnelDayStore store;
    private FunnelDayStore segmentedStore;
    private long[] ageLimits;

    @BeforeEach
    void emptyStore() {
        var dataSource = TestDatabase.dataSource(TestDatabase.newStoreUrl());
        store = store(dataSource, null);
        segmentedStore = store(dataSource, SEGMENT);
        ageLimits = DEFINITION.completionAges().stream().mapToLong(Micros::of).toArray();
    }

    private static FunnelDayStore store(DataSource dataSource, SegmentColumn segment) {
        var table = new TableName("public", "onboarding_progresses");
        var source = new SourceIdentity("7453127819826152734", "app", Map.of(table.toString(),
                Map.of("created_at", "timestamp with time zone")), ZoneOffset.UTC);
        var run = new FunnelRun("onboarding-funnel", table, new ActionColumns(), DEFINITION, source, ZoneOffset.UTC,
                new DateRange(DAY, DAY), AS_OF, Grain.WEEK, false, true,
                new RunOptions(Path.of("reports"), true, 7, null, "", true), segment, 10);
        var store = new FunnelDayStore(new JdbcTemplate(dataSource), run);
        store.registerDefinition();
        return store;
    }

    private static long created(int namespace) {
        return Micros.of(DAY.atStartOfDay(ZoneOffset.UTC).toInstant()) + namespace * 60_000_000L;
    }

    /** Namespaces of every kind: through the funnel, stopped at each step, early and late actions; rejected rows. */
    private static List<OnboardingRecord> records() {
        var records = new ArrayList<OnboardingRecord>();
        for (int n = 1; n <= 300; n++) {
            long c = created(n);
            long write = c + n * HOUR / 7;
            long mergeRequest = write + n * HOUR;
            switch (n % 5) {
                case 0 -> records.add(new NamespaceOutcome(n, DAY, c, new long[] {c, write, mergeRequest},
                        new long[] {write - c, mergeRequest - c, NONE}, new long[] {write, mergeRequest, NONE},
                        null));
                case 1 -> records.add(new NamespaceOutcome(n, DAY, c, new long[] {c, write},
                        new long[] {write - c, NONE, NONE}, new long[] {write, NONE, NONE}, null));
                case 2 -> records.add(new NamespaceOutcome(n, DAY, c, new long[] {c},
                        new long[] {NONE, NONE, NONE}, new long[] {NONE, NONE, NONE}, null));
                // git_write recorded before creation counts as done at creation.
                case 3 -> records.add(new NamespaceOutcome(n, DAY, c, new long[] {c, c},
                        new long[] {0, NONE, 5 * HOUR}, new long[] {c - HOUR, NONE, c + 5 * HOUR}, null));
                // merge_request_created recorded after as-of is ignored, and kept apart.
                default -> records.add(new NamespaceOutcome(n, DAY, c, new long[] {c, write},
                        new long[] {write - c, NONE, NONE},
                        new long[] {write, Micros.of(AS_OF) + n * HOUR, NONE}, null));
            }
        }
        records.add(new RejectedRow(1001, DAY, "created_at_missing"));
        records.add(new RejectedRow(1002, DAY, "created_at_missing"));
        records.add(new RejectedRow(1003, DAY, "actions_unreadable"));
        return records;
    }

    /** Everything a report reads from a day, in a form that compares by value. */
    private static List<Object> figures(FunnelDayAggregate day) {
        return List.of(day.namespaces(), Arrays.toString(day.reached()),
                Arrays.stream(day.hoursToStep()).map(RecordedValues::of).toList(),
                Arrays.deepToString(day.completed()), Arrays.toString(day.beforeCreation()),
                Arrays.deepToString(day.afterAsOf().flatten()), day.rejected());
    }

    @Test
    void aDayComesBackWithEveryFigureItWasSavedWith() {
        FunnelDayAggregate saved = FunnelDayAggregate.empty(DEFINITION);
        records().forEach(record -> saved.add(record, ageLimits));
        assertThat(saved.beforeCreation()[0]).isPositive();
        assertThat(saved.afterAsOf().flatten()[0]).isNotEmpty();

        store.save(DAY, saved);

        assertThat(store.load(DAY).map(FunnelDayStoreTest::figures)).contains(figures(saved));
    }

    /** Each segment's figures too, NULL's among them; a day of the same job without a breakdown is another day. */
    @Test
    void aSegmentedDayComesBackWithEverySegmentsFigures() {
        FunnelDayAggregate saved = FunnelDayAggregate.empty(DEFINITION, true);
        records().stream().map(record -> record instanceof NamespaceOutcome o ? new NamespaceOutcome(o.namespaceId(),
                o.cohortDay(), o.createdAt(), o.stepTimes(), o.completionDelay(), o.recorded(),
                o.namespaceId() % 3 == 0 ? null : "type " + o.namespaceId() % 3) : record)
                .forEach(record -> saved.add(record, ageLimits));
        assertThat(saved.segments()).containsOnlyKeys("type 1", "type 2", null);

        segmentedStore.save(DAY, saved);
        store.save(DAY, FunnelDayAggregate.empty(DEFINITION));

        FunnelDayAggregate loaded = segmentedStore.load(DAY).orElseThrow();
        assertThat(figures(loaded)).isEqualTo(figures(saved));
        assertThat(loaded.segments()).containsOnlyKeys("type 1", "type 2", null);
        saved.segments().forEach((segment, figures) -> {
            assertThat(Arrays.deepToString(loaded.segments().get(segment).hours())).as("segment %s hours", segment)
                    .isEqualTo(Arrays.deepToString(figures.hours()));
            assertThat(figures(loaded.segments().get(segment).figures())).as("segment %s", segment)
                    .isEqualTo(figures(figures.figures()));
        });
        var sizes = new HashMap<String, Long>(Map.of("type 1", 100L, "type 2", 100L));
        sizes.put(null, 100L);
        assertThat(segmentedStore.segmentSizes(DAY, DAY)).isEqualTo(sizes);
        assertThat(store.load(DAY).orElseThrow().segmented()).isFalse();
        assertThat(store.segmentSizes(DAY, DAY)).isEmpty();
    }

    private static List<Object> figures(FunnelFigures figures) {
        return List.of(figures.namespaces(), Arrays.toString(figures.reached()),
                Arrays.stream(figures.hoursToStep()).map(RecordedValues::of).toList(),
                Arrays.deepToString(figures.completed()));
    }

    @Test
    void anEmptyDayComesBackEmpty() {
        store.save(DAY, FunnelDayAggregate.empty(DEFINITION));

        assertThat(store.load(DAY).map(FunnelDayStoreTest::figures))
                .contains(figures(FunnelDayAggregate.empty(DEFINITION)));
    }

    @Test
    void namespacesThatStoppedBeforeTheLastStepComeBackAsDropoffs() {
        store.reset(DAY, DAY);
        store.saveDropoffs(records());

        var expected = records().stream()
                .filter(record -> record instanceof NamespaceOutcome outcome && outcome.stepsReached() < 3)
                .map(NamespaceOutcome.class::cast)
                .map(outcome -> new FunnelDayStore.Dropoff(DAY, outcome.namespaceId(), outcome.stepsReached(),
                        Micros.toInstant(outcome.stepTimes()[outcome.stepsReached() - 1])))
                .toList();
        assertThat(expected).hasSize(240);
        assertThat(store.dropoffs(DAY, DAY)).containsExactlyElementsOf(expected);

        store.reset(DAY, DAY);
        assertThat(store.dropoffs(DAY, DAY)).isEmpty();
    }
}
