package io.progressreports.store;

import com.zaxxer.hikari.HikariDataSource;
import io.progressreports.settings.ReportsProperties;
import io.progressreports.source.DataSources;

import java.time.Duration;

/**
 * The store, open: its server (given by URL, or the embedded one this process shares, see {@link EmbeddedServer})
 * and a pool of connections to it, the schema migrated.
 */
public final class StoreServer implements AutoCloseable {

    private static final Duration EMBEDDED_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedServer embedded;
    private final HikariDataSource dataSource;

    private StoreServer(EmbeddedServer embedded, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
    }

    public static StoreServer open(ReportsProperties.Store store) {
        EmbeddedServer embedded = store.url() == null || store.url().isBlank()
                ? EmbeddedServer.open(store.dir(), store.mustExist()) : null;
        ReportsProperties.Database database = embedded == null ? store.database() : embedded.database("postgres");
        HikariDataSource pool = null;
        try {
            pool = DataSources.pool("store", database, false);
            if (embedded != null) {
                // The server is up (this process just joined it): a slow first connection is a busy machine, not
                // an unreachable store.
                pool.setConnectionTimeout(EMBEDDED_CONNECTION_TIMEOUT.toMillis());
            }
            StoreMigrations.migrate(pool);
            return new StoreServer(embedded, pool);
        } catch (RuntimeException e) {
            close(pool, embedded);
            throw e;
        }
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        close(dataSource, embedded);
    }

    private static void close(HikariDataSource pool, EmbeddedServer embedded) {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
