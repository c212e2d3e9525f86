package io.progressreports.store;

import io.progressreports.ReportsProperties;

/** Where the store lives: a server given by URL, or an embedded one this process starts and stops. */
public final class StoreServer implements AutoCloseable {

    private final ReportsProperties.Database database;
    private final EmbeddedServer embedded;

    private StoreServer(ReportsProperties.Database database, EmbeddedServer embedded) {
        this.database = database;
        this.embedded = embedded;
    }

    public static StoreServer of(ReportsProperties.Store store) {
        if (store.url() != null && !store.url().isBlank()) {
            return new StoreServer(store.database(), null);
        }
        EmbeddedServer server = EmbeddedServer.start(store.dir(), true);
        return new StoreServer(new ReportsProperties.Database(server.jdbcUrl("postgres"), EmbeddedServer.USER, null,
                null),
                server);
    }

    public ReportsProperties.Database database() {
        return database;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
