package io.progressreports.run;

import io.progressreports.TestDatabase;
import io.progressreports.cli.LazyApplication;
import io.progressreports.cli.SpringSettings;
import io.progressreports.job.JobFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunk size is a job parameter: one application runs job files that ask for different chunk sizes, each in chunks
 * of its own, as {@code schedule} does; the chunk-size setting (a flag, REPORTS_CHUNK_SIZE or application.yml) beats
 * every job file's.
 */
class ChunkSizeTest {

    @TempDir
    Path dir;

    private final String store = TestDatabase.newStoreUrl();

    private JobFiles jobFiles() throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        for (int chunkSize : new int[] {400, 700}) {
            Files.writeString(jobs.resolve("chunks-of-" + chunkSize + ".yml"), """
                    kind: funnel
                    steps: [git_write, merge_request_created, pipeline_created]
                    last: 30
                    chunk-size: %d
                    """.formatted(chunkSize));
        }
        return JobKinds.files(jobs);
    }

    /** Runs both job files' nightly reports in one application. */
    private void runBoth(SpringSettings settings) throws IOException {
        var requests = new RunRequests(jobFiles(), Clock.fixed(TestDatabase.NOW, ZoneOffset.UTC));
        try (var application = new LazyApplication(settings.put("reports.source.url", TestDatabase.seededSourceUrl())
                .put("reports.store.url", store).put("reports.threads", 1))) {
            for (String job : List.of("chunks-of-400", "chunks-of-700")) {
                requests.prepare(job, RunOverrides.nightly(dir.resolve("out"))).launch(application.get());
            }
        }
    }

    @Test
    void oneApplicationRunsEachJobFileInChunksOfItsOwnSize() throws IOException {
        runBoth(new SpringSettings());

        assertThat(chunkSizes()).isEqualTo(Map.of("chunks-of-400", 400, "chunks-of-700", 700));
        assertChunksOfTheirSize();
    }

    @Test
    void theChunkSizeSettingBeatsTheJobFiles() throws IOException {
        runBoth(new SpringSettings().put("reports.chunk-size", 250));

        assertThat(chunkSizes()).isEqualTo(Map.of("chunks-of-400", 250, "chunks-of-700", 250));
        assertChunksOfTheirSize();
    }

    /** The chunkSize parameter of each job's execution, by job file. */
    private Map<String, Integer> chunkSizes() {
        var sizes = new HashMap<String, Integer>();
        TestDatabase.jdbc(store).query("""
                select job.parameter_value as job, size.parameter_value as size
                from batch_job_execution_params job join batch_job_execution_params size
                on size.job_execution_id = job.job_execution_id and size.parameter_name = 'chunkSize'
                where job.parameter_name = 'job'""",
                (RowCallbackHandler) row -> sizes.put(row.getString("job"), Integer.valueOf(row.getString("size"))));
        return sizes;
    }

    /**
     * Every partition committed its rows in chunks of its job's size: as many commits as full and partial chunks,
     * and one more at most for the read that finds no more rows. The partitions together read more rows than a
     * chunk, so that a wrong size shows.
     */
    private void assertChunksOfTheirSize() {
        Map<String, Integer> sizes = chunkSizes();
        var partitions = TestDatabase.jdbc(store).queryForList("""
                select p.parameter_value as job, s.read_count, s.commit_count
                from batch_step_execution s join batch_job_execution_params p
                on p.job_execution_id = s.job_execution_id and p.parameter_name = 'job'
                where s.step_name like 'funnelDay:%'""");
        assertThat(partitions).isNotEmpty();
        for (Map<String, Object> partition : partitions) {
            int size = sizes.get((String) partition.get("job"));
            long reads = ((Number) partition.get("read_count")).longValue();
            long commits = ((Number) partition.get("commit_count")).longValue();
            long chunks = (reads + size - 1) / size;
            assertThat(commits).as("%s", partition).isBetween(chunks, chunks + 1);
        }
        for (String job : sizes.keySet()) {
            assertThat(partitions.stream().filter(p -> job.equals(p.get("job")))
                    .mapToLong(p -> ((Number) p.get("read_count")).longValue()).max().orElse(0))
                    .as(job).isGreaterThan(sizes.get(job));
        }
    }
}
