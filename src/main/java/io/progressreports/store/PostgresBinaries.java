package io.progressreports.store;

import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.io.file.PathUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The PostgreSQL programs (initdb, pg_ctl, postgres) that zonky's binaries jar carries as a .txz archive,
 * unpacked once into a folder of the user's own ({@code ~/.progress-reports/postgres/<key>}, 0700): zonky's
 * own place, {@code /tmp/embedded-pg}, can be written by every user of the machine, who could put programs there
 * for us to run. The key names the jar the archive came from, so each binaries version gets a folder of its own;
 * a folder is unpacked under a temporary name and renamed, so a process never runs a half-unpacked one.
 */
final class PostgresBinaries {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private PostgresBinaries() {
    }

    /** The folder holding bin/, lib/ and share/, unpacked if it is not yet. */
    static Path installed() throws IOException {
        String os = os();
        String resource = "postgres-" + os.toLowerCase(Locale.ROOT) + "-" + ArchUtils.normalize(
                System.getProperty("os.arch")) + ".txz";
        URL archive = PostgresBinaries.class.getResource("/" + resource);
        if (archive == null) {
            throw new IOException("no PostgreSQL binaries for this system on the class path (" + resource + ")");
        }
        Path home = Path.of(System.getProperty("user.home"), ".progress-reports");
        Path parent = home.resolve("postgres");
        Path folder = parent.resolve(key(archive.toString()));
        if (Files.isExecutable(folder.resolve("bin/postgres"))) {
            return folder;
        }
        createPrivate(home);
        createPrivate(parent);
        Path unpacking = Files.createTempDirectory(parent, folder.getFileName() + ".unpacking-");
        try {
            try (InputStream in = archive.openStream()) {
                unpack(in, unpacking);
            }
            Files.move(unpacking, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // Another process unpacked the same archive first: use its folder.
            if (!Files.isExecutable(folder.resolve("bin/postgres"))) {
                throw e;
            }
        } catch (IOException e) {
            if (Files.isExecutable(folder.resolve("bin/postgres"))) {
                return folder;
            }
            throw e;
        } finally {
            if (Files.exists(unpacking)) {
                PathUtils.deleteDirectory(unpacking);
            }
        }
        return folder;
    }

    /**
     * The command line that runs {@code program} of these binaries. PostgreSQL refuses to run as root: then, as
     * zonky does, in a user namespace of its own ({@code unshare -U}), where the same files are its own.
     */
    static List<String> command(Path installed, String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(installed.resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        return command;
    }

    private static String os() {
        String name = System.getProperty("os.name");
        if (name.startsWith("Linux")) {
            return "Linux";
        }
        if (name.startsWith("Mac")) {
            return "Darwin";
        }
        if (name.startsWith("Windows")) {
            return "Windows";
        }
        throw new UnsupportedOperationException("no embedded PostgreSQL for " + name + ": give --store-url");
    }

    private static String key(String archive) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(archive.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createPrivate(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (FileAlreadyExistsException e) {
            // Made before, by us or by another process of ours.
        }
    }

    private static void unpack(InputStream archive, Path target) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, (entry.getMode() & 0100) != 0
                            ? PosixFilePermissions.fromString("rwxr-x---") : PosixFilePermissions.fromString("rw-r-----"));
                }
            }
        }
    }
}
