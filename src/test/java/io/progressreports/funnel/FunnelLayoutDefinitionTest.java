package io.progressreports.funnel;

import io.progressreports.day.DayFormats;
import io.progressreports.job.FunnelOrder;
import io.progressreports.launch.RunOptions;
import io.progressreports.report.DateRange;
import io.progressreports.report.Grain;
import io.progressreports.source.SourceIdentity;
import io.progressreports.source.TableName;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The layout is part of a funnel's definition, so days stored under one layout are never reused under another. */
class FunnelLayoutDefinitionTest {

    private static final TableName TABLE = new TableName("public", "onboarding_progresses");
    private static final TableName NAMESPACES = new TableName("public", "namespaces");
    private static final SourceIdentity SOURCE = new SourceIdentity("7453127819826152734", "app",
            Map.of(TABLE.toString(), Map.of("created_at", "timestamp with time zone")), ZoneOffset.UTC);
    private static final Map<Integer, String> CODES = codes(1, "git_write", 2, "merge_request_created");

    private static Map<Integer, String> codes(int first, String firstName, int second, String secondName) {
        var codes = new LinkedHashMap<Integer, String>();
        codes.put(first, firstName);
        codes.put(second, secondName);
        return codes;
    }

    private static FunnelRun run(FunnelLayout layout) {
        var definition = new FunnelDefinition(List.of("git_write", "merge_request_created"), List.of("git_write"),
                Duration.ofDays(30), FunnelOrder.SEQUENTIAL, List.of(Duration.ofDays(1)));
        var day = LocalDate.parse("2026-10-01");
        return new FunnelRun("onboarding-funnel", TABLE, layout, definition, SOURCE, ZoneOffset.UTC,
                new DateRange(day, day),
                Instant.parse("2026-11-01T00:00:00Z"), Grain.WEEK, false, false,
                new RunOptions(Path.of("reports"), true, 7, null, "", true), null, 0);
    }

    /** The source read and the aggregate format are part of every definition: days are reused for the same only. */
    @Test
    void theDefinitionNamesTheSourceAndTheFormat() {
        assertThat(run(new ActionColumns()).definitionJson()).isEqualTo("{\"table\":\"public.onboarding_progresses\","
                + "\"zone\":\"Z\",\"actions\":[\"git_write\",\"merge_request_created\"],\"steps\":[\"git_write\"],"
                + "\"window\":\"PT720H\",\"order\":\"sequential\",\"ages\":[\"PT24H\"],"
                + "\"source\":{\"system\":\"7453127819826152734\",\"database\":\"app\",\"columns\":"
                + "{\"public.onboarding_progresses\":{\"created_at\":\"timestamp with time zone\"}},\"zone\":\"Z\"},"
                + "\"format\":" + DayFormats.FUNNEL + "}");
    }

    @Test
    void theLayoutTheNamespacesTableAndTheCodesEachMakeAnotherDefinition() {
        List<String> ids = List.of(
                run(new ActionColumns()).definitionId(),
                run(new ActionRows(NAMESPACES, CODES)).definitionId(),
                run(new ActionRows(new TableName("legacy", "namespaces"), CODES)).definitionId(),
                run(new ActionRows(NAMESPACES, codes(1, "git_write", 3, "merge_request_created"))).definitionId(),
                run(new ActionRows(NAMESPACES, codes(2, "merge_request_created", 1, "git_write"))).definitionId());

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void anActionRowsRunComesBackFromItsJobParametersWithItsCodesInOrder() {
        FunnelRun run = run(new ActionRows(NAMESPACES, codes(7, "merge_request_created", 3, "git_write")));
        Map<String, Object> parameters = run.toJobParameters(1).parameters().stream()
                .collect(Collectors.toMap(JobParameter::name, JobParameter::value));

        FunnelRun back = FunnelRun.fromJobParameters(parameters);

        assertThat(back.layout()).isEqualTo(run.layout());
        assertThat(((ActionRows) back.layout()).codes().keySet()).containsExactly(7, 3);
        assertThat(back.definitionId()).isEqualTo(run.definitionId());
    }
}
