package io.progressreports;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Settings shared by every command, bound the Spring way: flags (passed on as command-line properties) over
 * environment variables ({@code REPORTS_SOURCE_URL}, {@code REPORTS_SOURCE_PASSWORD}, ...) over application.yml.
 */
@ConfigurationProperties("reports")
public record ReportsProperties(Database source, Store store) {

    public ReportsProperties {
        source = source == null ? new Database(null, null, null) : source;
        store = store == null ? new Store(null, null, null, null) : store;
    }

    /** Outside the reports folder, so deleting reports never deletes what they are built from. */
    public static Path defaultStoreDir() {
        return Path.of(System.getProperty("user.home"), ".progress-reports", "store");
    }

    public record Database(String url, String user, String password) {
    }

    /** With no url the store is an embedded PostgreSQL keeping its data in {@code dir}. */
    public record Store(String url, String user, String password, Path dir) {

        public Store {
            dir = dir == null ? defaultStoreDir() : dir;
        }

        public Database database() {
            return new Database(url, user, password);
        }
    }
}
