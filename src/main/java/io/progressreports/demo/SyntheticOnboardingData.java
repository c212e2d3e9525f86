package io.progressreports.demo;

// PLACEHOLDER until the demo helper delivers
public final class SyntheticOnboardingData {
    public record Settings(int namespaces, int days, long seed, java.time.Instant now) { }
    public static long generate(javax.sql.DataSource source, Settings s) {
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(source);
        jdbc.execute("truncate onboarding_progresses");
        return jdbc.update("insert into onboarding_progresses(namespace_id, created_at, updated_at, git_write_at, merge_request_created_at, pipeline_created_at) "
            + "select g, now() - random() * interval '" + s.days() + " days', now(), now() - random() * interval '10 days', now() - random() * interval '5 days', null from generate_series(1, " + s.namespaces() + ") g");
    }
}
