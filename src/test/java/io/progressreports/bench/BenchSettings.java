package io.progressreports.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to measure, from {@code -Dbench.*} system properties (the Maven profile passes them through).
 *
 * @param sourceUrl  a given PostgreSQL (its tables are replaced!), or null for the embedded one under
 *                   {@code out/pg}, kept between runs so that a rerun reuses the dataset
 * @param steps      deployment_steps rows wanted in the reported days
 * @param namespaces onboarding_progresses rows wanted in the reported days
 * @param days       days a full backfill covers
 * @param out        where runs, CSVs and bench-results.json go
 * @param indexes    "with" the indexes `check` recommends, or "without" them (backfills and baselines only)
 * @param project    the checkout: the jar, the script and jobs/ are found from here
 * @param timeout    any single process is killed after this
 */
record BenchSettings(String sourceUrl, long steps, long namespaces, int days, Path out, boolean withIndexes,
                     Path project, Duration timeout) {

    static BenchSettings fromSystemProperties() {
        Path project = Path.of(System.getProperty("bench.project", System.getProperty("user.dir")))
                .toAbsolutePath().normalize();
        String url = blankToNull(System.getProperty("bench.source-url"));
        String indexes = System.getProperty("bench.indexes", "with").trim();
        if (!indexes.equals("with") && !indexes.equals("without")) {
            throw new IllegalArgumentException("bench.indexes must be 'with' or 'without', not '" + indexes + "'");
        }
        var settings = new BenchSettings(url,
                Long.parseLong(System.getProperty("bench.steps", "10000000").trim()),
                Long.parseLong(System.getProperty("bench.namespaces", "5000000").trim()),
                Integer.parseInt(System.getProperty("bench.days", "365").trim()),
                project.resolve(System.getProperty("bench.out", "target/bench").trim()).normalize(),
                indexes.equals("with"),
                project,
                Duration.ofMinutes(Long.parseLong(System.getProperty("bench.timeout-minutes", "120").trim())));
        if (settings.steps < 1000 || settings.namespaces < 1000 || settings.days < 7) {
            throw new IllegalArgumentException("bench.steps and bench.namespaces must be at least 1000 and "
                    + "bench.days at least 7");
        }
        return settings;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    Map<String, Object> describe() {
        var map = new LinkedHashMap<String, Object>();
        map.put("source", sourceUrl == null ? "embedded PostgreSQL in " + out.resolve("pg") : "given");
        map.put("steps", steps);
        map.put("namespaces", namespaces);
        map.put("days", days);
        map.put("indexes", withIndexes ? "with" : "without");
        map.put("out", out.toString());
        return map;
    }
}
