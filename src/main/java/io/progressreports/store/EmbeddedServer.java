package io.progressreports.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL started from Maven Central binaries, keeping its data in a directory of our choosing.
 * A persistent directory may already have a server: one left running by a killed run (its parent is gone) is
 * stopped and started afresh; one that a live run is using is shared.
 */
public final class EmbeddedServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /** @param keepData true for a store that outlives the process, false for a throwaway (demo, tests) */
    public static EmbeddedServer start(Path dataDirectory, boolean keepData) {
        try {
            Files.createDirectories(dataDirectory);
            if (keepData) {
                Optional<EmbeddedServer> shared = runningServer(dataDirectory);
                if (shared.isPresent()) {
                    return shared.get();
                }
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!keepData)
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .start();
            return new EmbeddedServer(postgres, postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /** postmaster.pid: line 1 the server's pid, line 4 its port. */
    private static Optional<EmbeddedServer> runningServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        if (server.isEmpty() || lines.size() < 4) {
            return Optional.empty();
        }
        boolean orphaned = server.get().parent().map(p -> p.pid() == 1 || !p.isAlive()).orElse(true);
        if (orphaned) {
            stop(server.get());
            return Optional.empty();
        }
        return Optional.of(new EmbeddedServer(null, Integer.parseInt(lines.get(3).trim())));
    }

    private static void stop(ProcessHandle server) {
        server.destroy();
        Instant deadline = Instant.now().plus(SHUTDOWN_WAIT);
        while (server.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + USER;
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
