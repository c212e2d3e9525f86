package io.progressreports.history;

import io.progressreports.day.DayPlan;
import io.progressreports.launch.RunFigures;
import io.progressreports.launch.RunOutcomes;
import io.progressreports.launch.RunParameters;
import io.progressreports.report.DateRange;
import io.progressreports.run.JobKinds;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The recent runs of each job, from the store, through Spring Batch's repository: each job file's runs are the
 * instances of a Spring Batch job of its name, each with its executions (status, times, parameters, context).
 */
@Component
public class RunHistory {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PLAN_KEYS = JobKinds.planKeys();
    private static final List<String> TABLE_KEYS = JobKinds.tableKeys();

    private final JobRepository jobRepository;
    private final RunOutcomes outcomes;

    public RunHistory(JobRepository jobRepository, RunOutcomes outcomes) {
        this.jobRepository = jobRepository;
        this.outcomes = outcomes;
    }

    /** The newest {@code limit} executions of each job (or of {@code job} alone), by job, newest first. */
    public List<RunRow> recent(String job, int limit) {
        List<String> names = jobRepository.getJobNames();
        List<JobExecution> executions = (job == null ? names : names.contains(job) ? List.of(job) : List.<String>of())
                .stream()
                .flatMap(name -> newest(name, limit))
                .toList();
        Map<Long, Integer> exitCodes = outcomes.exitCodes(executions.stream().map(JobExecution::getId).toList());
        return executions.stream().map(execution -> row(execution, exitCodes.get(execution.getId()))).toList();
    }

    /**
     * The newest executions of the job's newest instances. An instance's executions are its first attempt and the
     * restarts of a failed or stopped one by the same command: one restarted after {@code limit} newer runs of its
     * job is not among them.
     */
    private Stream<JobExecution> newest(String job, int limit) {
        return jobRepository.getJobInstances(job, 0, limit).stream()
                .flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
                .sorted(Comparator.comparing(JobExecution::getId).reversed())
                .limit(limit);
    }

    @SuppressWarnings("unchecked")
    private static RunRow row(JobExecution execution, Integer exitCode) {
        var parameters = new HashMap<String, Object>();
        execution.getJobParameters().forEach(parameter -> parameters.put(parameter.name(), parameter.value()));
        DateRange range = RunParameters.range(parameters);
        Instant start = instant(execution.getStartTime());
        Instant end = instant(execution.getEndTime());
        Optional<RunFigures> figures = RunFigures.from(execution.getExecutionContext());
        // A run that failed after planning still knows which days it was to compute and reuse.
        Optional<DayPlan> plan = plan(execution.getExecutionContext());
        Map<String, Object> definition = JSON.readValue(RunParameters.definitionJson(parameters), Map.class);
        String overrides = RunParameters.overrides(execution.getJobParameters());
        String folder = RunParameters.folder(execution.getJobParameters());
        return new RunRow(execution.getId(), RunParameters.job(parameters), range.from(), range.to(),
                RunParameters.asOf(parameters), RunParameters.grain(parameters).label(),
                RunParameters.flag(parameters, "recompute"), execution.getStatus().name(),
                start == null ? null : start.truncatedTo(ChronoUnit.SECONDS),
                start == null || end == null ? null : Duration.between(start, end),
                figures.map(RunFigures::read).orElse(null), figures.map(RunFigures::rejected).orElse(null),
                figures.map(f -> f.rows().others().get("untimed")).orElse(null),
                figures.map(RunFigures::daysComputed).or(() -> plan.map(DayPlan::computedDays)).orElse(null),
                figures.map(RunFigures::daysReused).or(() -> plan.map(DayPlan::reusedDays)).orElse(null),
                exitCode, (String) definition.get("zone"), tables(definition),
                overrides == null ? null : overrides.isEmpty() ? "job file" : overrides,
                folder == null ? null : RunParameters.options(parameters).out().resolve(RunParameters.job(parameters))
                        .resolve(folder).toString());
    }

    /** The source tables the run's kind names in its definition. */
    private static String tables(Map<String, Object> definition) {
        return TABLE_KEYS.stream().filter(definition::containsKey).map(key -> String.valueOf(definition.get(key)))
                .collect(Collectors.joining(", "));
    }

    private static Optional<DayPlan> plan(ExecutionContext context) {
        return PLAN_KEYS.stream().filter(context::containsKey).findFirst()
                .map(key -> DayPlan.decode(context.getString(key)));
    }

    /**
     * Spring Batch gives execution times as local date-times. The store keeps them as instants (V8), which the driver
     * reads back in this JVM's zone: so this zone turns them back, whichever zone the running process had.
     */
    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
