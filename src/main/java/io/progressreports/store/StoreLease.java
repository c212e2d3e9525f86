package io.progressreports.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * How any number of processes share one store's server, none ever stopping it under another. Each process using
 * the store holds a shared lock on its lease file for as long as it does. Every decision to start or stop the
 * server is taken under an exclusive lock on the control file: the first process that finds no server starts it;
 * a process leaving stops it only when it can lock the lease file exclusively, that is when no other process
 * holds it. The operating system drops a process's locks when it ends however it ends, so a SIGKILLed process
 * never keeps the server from stopping, and the server it leaves running is found and used by the next process,
 * which stops it when it leaves last. Within one JVM (which holds a file's locks once for all its threads) the
 * applications using a store share one lease, counted.
 */
final class StoreLease {

    private static final Map<Path, StoreLease> HELD = new HashMap<>();

    private final StoreFolder folder;
    private final Postmaster postmaster;
    private final FileChannel lease;
    private final FileLock shared;
    private final int port;
    private int users = 1;

    private StoreLease(StoreFolder folder, Postmaster postmaster, FileChannel lease, FileLock shared, int port) {
        this.folder = folder;
        this.postmaster = postmaster;
        this.lease = lease;
        this.shared = shared;
        this.port = port;
    }

    /** Joins the store's server, made and started first if need be. */
    static StoreLease take(StoreFolder folder, boolean fsync) throws IOException {
        synchronized (HELD) {
            StoreLease held = HELD.get(folder.root());
            if (held != null) {
                held.users++;
                return held;
            }
            Postmaster postmaster = new Postmaster(PostgresBinaries.installed(), folder);
            FileChannel lease = FileChannel.open(folder.lease(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try (FileChannel control = FileChannel.open(folder.control(), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock decision = control.lock()) {
                FileLock shared = lease.lock(0, Long.MAX_VALUE, true);
                Files.setPosixFilePermissions(folder.root(), PosixFilePermissions.fromString("rwx------"));
                if (EarlierStore.in(folder.root())) {
                    EarlierStore.adopt(folder, postmaster, fsync);
                }
                if (!postmaster.initialised()) {
                    postmaster.initialise(fsync);
                }
                var running = postmaster.running();
                int port = running.isPresent() ? running.getAsInt() : postmaster.start();
                StoreLease taken = new StoreLease(folder, postmaster, lease, shared, port);
                HELD.put(folder.root(), taken);
                return taken;
            } catch (IOException | RuntimeException e) {
                lease.close();
                throw e;
            }
        }
    }

    int port() {
        return port;
    }

    StoreFolder folder() {
        return folder;
    }

    /** Leaves the store: the server stops if no other process uses it. */
    void release() throws IOException {
        synchronized (HELD) {
            if (--users > 0) {
                return;
            }
            HELD.remove(folder.root());
            try (lease;
                 FileChannel control = FileChannel.open(folder.control(), StandardOpenOption.WRITE);
                 FileLock decision = control.lock()) {
                shared.release();
                FileLock alone = lease.tryLock();
                if (alone != null) {
                    try {
                        if (postmaster.running().isPresent()) {
                            postmaster.stop();
                        }
                    } finally {
                        alone.release();
                    }
                }
            }
        }
    }
}
