package io.progressreports.settings;

import io.progressreports.failure.UsageException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings shared by every command, bound the Spring way: flags (passed on as command-line properties) over
 * environment variables ({@code REPORTS_SOURCE_URL}, {@code REPORTS_CHUNK_SIZE}, ...) over application.yml (in the
 * working directory or the install folder).
 *
 * @param chunkSize        rows per chunk and store transaction; null for the job file's (see run.RunRequests)
 * @param threads          partitions computed side by side
 * @param progressInterval how often a run without a terminal logs its progress
 * @param alertWebhookTimeout how long each attempt to POST a run's alerts may take (default 10 s)
 */
@ConfigurationProperties("reports")
public record ReportsProperties(Database source, Store store, Integer chunkSize, Integer threads,
                                Duration progressInterval, Duration alertWebhookTimeout) {

    /** A source that sends nothing for this long (no row, no reply) ends the run: exit 69 rather than a hang. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(10);

    public ReportsProperties {
        source = source == null ? new Database(null, null, null, null, null) : source;
        source = source.readTimeout() != null ? source : new Database(source.url(), source.user(), source.password(),
                source.passwordFile(), DEFAULT_READ_TIMEOUT);
        if (source.readTimeout().toSeconds() < 1) {
            throw new UsageException("source read-timeout must be at least 1s, not " + source.readTimeout()
                    + " (--source-read-timeout or reports.source.read-timeout in application.yml)");
        }
        store = store == null ? new Store(null, null, null, null, null, false) : store;
        chunkSize = chunkSize == null ? null : atLeastOne("chunk-size", chunkSize);
        threads = atLeastOne("threads", threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        progressInterval = progressInterval == null ? Duration.ofSeconds(5) : progressInterval;
        if (progressInterval.toMillis() < 1) {
            throw new UsageException("progress-interval must be positive, not " + progressInterval);
        }
        alertWebhookTimeout = alertWebhookTimeout == null ? Duration.ofSeconds(10) : alertWebhookTimeout;
        if (alertWebhookTimeout.toMillis() < 1) {
            throw new UsageException("alert-webhook-timeout must be positive, not " + alertWebhookTimeout
                    + " (REPORTS_ALERT_WEBHOOK_TIMEOUT or reports.alert-webhook-timeout in application.yml)");
        }
    }

    /** Outside the reports folder, so deleting reports never deletes what they are built from. */
    public static Path defaultStoreDir() {
        return Path.of(System.getProperty("user.home"), ".progress-reports", "store");
    }

    private static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new UsageException(name + " must be at least 1, not " + value + " (--" + name + ", REPORTS_"
                    + name.replace('-', '_').toUpperCase(Locale.ROOT) + " or reports." + name + " in application.yml)");
        }
        return value;
    }

    /**
     * A database to connect to. The password comes from {@code password} (the environment or application.yml),
     * from {@code passwordFile}, or from the URL; see {@link io.progressreports.source.Passwords}.
     *
     * @param readTimeout how long a query may wait for the server's next bytes (pgjdbc's socketTimeout); null for
     *                    none, as for the store
     */
    public record Database(String url, String user, String password, Path passwordFile, Duration readTimeout) {

        /** The one the settings bind to. */
        @ConstructorBinding
        public Database {
        }

        /** Without a read timeout. */
        public Database(String url, String user, String password, Path passwordFile) {
            this(url, user, password, passwordFile, null);
        }

        /** Without the password, so that logging a Database cannot leak it. */
        @Override
        public String toString() {
            return "Database[url=" + SafeUrls.redact(url) + ", user=" + user
                    + ", passwordFile=" + passwordFile + ", readTimeout=" + readTimeout + "]";
        }
    }

    /**
     * With no url the store is an embedded PostgreSQL keeping its data in {@code dir}, made there when missing
     * unless {@code mustExist} (commands that only read a store).
     */
    public record Store(String url, String user, String password, Path passwordFile, Path dir, boolean mustExist) {

        public Store {
            dir = dir == null ? defaultStoreDir() : dir;
        }

        public Database database() {
            return new Database(url, user, password, passwordFile);
        }

        /** Without the password, so that logging a Store cannot leak it. */
        @Override
        public String toString() {
            return "Store[" + database() + ", dir=" + dir + ", mustExist=" + mustExist + "]";
        }
    }
}
