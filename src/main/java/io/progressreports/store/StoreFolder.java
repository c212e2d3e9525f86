package io.progressreports.store;

import io.progressreports.failure.StoreFolderException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The embedded store's folder (0700): our marker file, the server's password (0600), the lock files that
 * processes share it by, the server's log, and PostgreSQL's data folder under {@code data/}. The marker tells
 * our folders from anything else, which is never written into, started or stopped, but for a store an earlier
 * version made (see {@link EarlierStore}).
 */
record StoreFolder(Path root) {

    static final String MARKER = "progress-reports-store";
    /** What a process that is creating the store puts there before the marker. */
    private static final Set<String> BEING_CREATED = Set.of("control", "lease");

    Path marker() {
        return root.resolve(MARKER);
    }

    /** Makes the folder known as a store (ours to start, stop and write into). */
    void mark() throws IOException {
        Files.writeString(marker(), "A progress-reports store: PostgreSQL's data in data/, started and stopped by "
                + "progress-reports; see its README.\n");
    }

    Path data() {
        return root.resolve("data");
    }

    Path password() {
        return root.resolve("password");
    }

    /** Held shared by every process using the store; see {@link StoreLease}. */
    Path lease() {
        return root.resolve("lease");
    }

    /** Held exclusively around every decision to start or stop the server. */
    Path control() {
        return root.resolve("control");
    }

    Path serverLog() {
        return root.resolve("server.log");
    }

    /**
     * The folder at {@code root}, checked before anything is written into it: ours, empty, or (unless
     * {@code mustExist}) missing, in which case it is made.
     *
     * @throws StoreFolderException when it is missing and must exist, or holds something that is not a store
     */
    static StoreFolder open(Path root, boolean mustExist) throws IOException {
        Path folder = root.toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            if (mustExist) {
                throw missing(folder);
            }
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // Another process is creating the same store.
            }
        }
        if (!Files.isDirectory(folder)) {
            throw new StoreFolderException(StoreFolderException.Kind.FOREIGN, "--store-dir " + folder
                    + " is not a folder");
        }
        Set<String> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
        if (entries.contains(MARKER)) {
            return new StoreFolder(folder);
        }
        if (EarlierStore.in(folder)) {
            // Taken over by StoreLease, once it holds the control lock.
            EarlierStore.refuseWhileRunning(folder);
            return new StoreFolder(folder);
        }
        if (entries.contains("PG_VERSION")) {
            throw new StoreFolderException(StoreFolderException.Kind.FOREIGN, "--store-dir " + folder
                    + " is the data folder of a PostgreSQL that progress-reports did not make; it is left untouched");
        }
        if (!BEING_CREATED.containsAll(entries)) {
            throw new StoreFolderException(StoreFolderException.Kind.FOREIGN, "--store-dir " + folder
                    + " is not empty and not a progress-reports store; it is left untouched");
        }
        if (mustExist) {
            throw missing(folder);
        }
        return new StoreFolder(folder);
    }

    private static StoreFolderException missing(Path folder) {
        return new StoreFolderException(StoreFolderException.Kind.MISSING, "no store at " + folder
                + " (a run creates it; history and check only read one)");
    }
}
