package io.progressreports.store;

import io.progressreports.settings.ReportsProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL from zonky's Maven Central binaries, keeping its data in a store folder (see
 * {@link StoreFolder}), private to the OS user that runs progress-reports (see {@link Postmaster}) and shared by
 * every process using that folder (see {@link StoreLease}). Closing leaves it; the last process to leave stops it.
 */
public final class EmbeddedServer implements AutoCloseable {

    public static final String USER = Postmaster.USER;

    private final StoreLease lease;

    private EmbeddedServer(StoreLease lease) {
        this.lease = lease;
    }

    /**
     * The store in {@code folder}, made if missing (unless {@code mustExist}) or empty.
     *
     * @throws StoreFolderException when the folder is missing and must exist, or holds something else
     */
    public static EmbeddedServer open(Path folder, boolean mustExist) {
        return open(folder, mustExist, true);
    }

    /** A server for data that is thrown away (the demo's, a benchmark's): no fsync. */
    public static EmbeddedServer throwaway(Path folder) {
        return open(folder, false, false);
    }

    private static EmbeddedServer open(Path folder, boolean mustExist, boolean fsync) {
        try {
            return new EmbeddedServer(StoreLease.take(StoreFolder.open(folder, mustExist), fsync));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where to connect, with the password from its file in the store folder. */
    public ReportsProperties.Database database(String name) {
        return new ReportsProperties.Database(jdbcUrl(name), USER, null, lease.folder().password());
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + lease.port() + "/" + database + "?user=" + USER;
    }

    /** For a throwaway server's URL handed on whole (the demo's --source-url and --store-url). */
    public String jdbcUrlWithPassword(String database) {
        try {
            return jdbcUrl(database) + "&password=" + Files.readString(lease.folder().password());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            lease.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL in " + lease.folder().root() + ": "
                    + e.getMessage(), e);
        }
    }
}
