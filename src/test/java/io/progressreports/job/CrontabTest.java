package io.progressreports.job;

import io.progressreports.run.JobKinds;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** jobs/crontab and the job files agree: one line per job file, at its schedule, in its zone. */
class CrontabTest {

    private static final Pattern RUN = Pattern.compile("\\./progress-reports run ([a-z0-9-]+) >> logs/\\1\\.log 2>&1$");

    @Test
    void everyJobFileHasOneLineAtItsScheduleThatRunsItsNightlyReport() throws IOException {
        JobFiles jobs = JobKinds.files(Path.of("jobs"));
        List<String> entries = Files.readAllLines(Path.of("jobs/crontab")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("CRON_TZ="))
                .toList();

        Map<String, String> cronByJob = entries.stream().collect(Collectors.toMap(line -> {
            Matcher run = RUN.matcher(line);
            assertThat(run.find()).as(line).isTrue();
            return run.group(1);
        }, line -> String.join(" ", Arrays.asList(line.split("\\s+")).subList(0, 5))));

        assertThat(entries).hasSameSizeAs(jobs.names());
        assertThat(cronByJob.keySet()).containsExactlyInAnyOrderElementsOf(jobs.names());
        for (String name : jobs.names()) {
            assertThat(cronByJob.get(name)).as(name).isEqualTo(jobs.load(name).schedule().cron());
            assertThat(CronSchedule.of(jobs.load(name)).zone().getId()).as(name).isEqualTo("UTC");
        }
        assertThat(Files.readAllLines(Path.of("jobs/crontab"))).contains("CRON_TZ=UTC");
    }
}
