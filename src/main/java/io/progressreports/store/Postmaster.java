package io.progressreports.store;

import org.apache.commons.io.file.PathUtils;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The PostgreSQL server of one store folder, made with initdb and started and stopped with pg_ctl. It listens on
 * 127.0.0.1 only, with no Unix socket, and asks every connection for the superuser's password (scram-sha-256), a
 * random one made at initdb and kept in the store folder (0600): PgJDBC cannot reach a Unix socket without a
 * native library, and a TCP listener is open to every user of the machine. Its environment holds nothing of
 * ours: no REPORTS_* variable (passwords) reaches it.
 */
final class Postmaster {

    static final String USER = "postgres";
    /** Where our settings begin in postgresql.conf: everything from this line on is ours. */
    private static final String SETTINGS =
            "\n# progress-reports: 127.0.0.1 only, no Unix socket, a password for every connection (pg_hba.conf)";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final Path binaries;
    private final StoreFolder folder;

    Postmaster(Path binaries, StoreFolder folder) {
        this.binaries = binaries;
        this.folder = folder;
    }

    boolean initialised() {
        return Files.exists(folder.data().resolve("PG_VERSION"));
    }

    /**
     * Makes the data folder: the marker first, so a process killed half-way leaves a folder that is still known
     * as ours and is made again; data/ appears whole, by a rename.
     */
    void initialise(boolean fsync) throws IOException {
        if (!Files.exists(folder.marker())) {
            folder.mark();
        }
        Path making = folder.root().resolve("data.new");
        for (Path leftover : List.of(making, folder.data())) {
            if (Files.exists(leftover)) {
                PathUtils.deleteDirectory(leftover);
            }
        }
        newPassword();
        // One SCRAM iteration instead of 4096: the password is 192 random bits, which no iteration count makes
        // harder to guess, while each iteration costs every new connection (a cold JVM's pool) twice.
        List<String> arguments = new ArrayList<>(List.of("-D", making.toString(), "-U", USER, "-A", "scram-sha-256",
                "--pwfile=" + folder.password(), "-c", "scram_iterations=1", "-E", "UTF8", "--no-locale",
                "--no-instructions"));
        if (!fsync) {
            arguments.add("--no-sync");
        }
        run("initdb", arguments, "initdb failed");
        configure(making, fsync);
        Files.move(making, folder.data(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A new random password for the superuser, in the store folder's password file (0600). */
    void newPassword() throws IOException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Files.deleteIfExists(folder.password());
        Files.createFile(folder.password(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(folder.password(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /**
     * Gives the superuser of the data folder (its server stopped) the password in the password file, as
     * initdb does for a new one: in single-user mode, which needs no connection and so no authentication.
     */
    void setPassword() throws IOException {
        String statement = "ALTER ROLE " + USER + " PASSWORD '" + Files.readString(folder.password()) + "';\n";
        String said = run("postgres", List.of("--single", "-D", folder.data().toString(), "-c",
                "password_encryption=scram-sha-256", "-c", "scram_iterations=1", "postgres"), statement,
                "the embedded PostgreSQL's password could not be set");
        if (said.contains("ERROR:") || said.contains("FATAL:")) {
            throw new IOException("the embedded PostgreSQL's password could not be set: " + said.lines()
                    .filter(line -> line.contains("ERROR:") || line.contains("FATAL:")).findFirst().orElseThrow()
                    .strip());
        }
    }

    /**
     * Our settings at the end of postgresql.conf (replacing those of an earlier call), and pg_hba.conf: 127.0.0.1
     * only, no Unix socket, the superuser with its password and nobody else.
     */
    static void configure(Path data, boolean fsync) throws IOException {
        Path conf = data.resolve("postgresql.conf");
        String settings = Files.readString(conf);
        int ours = settings.indexOf(SETTINGS);
        Files.writeString(conf, (ours < 0 ? settings : settings.substring(0, ours)) + SETTINGS + """

                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                max_connections = 50
                fsync = %s
                """.formatted(fsync ? "on" : "off"));
        Files.writeString(data.resolve("pg_hba.conf"), """
                # progress-reports: the store's superuser, with the password in the store folder, over 127.0.0.1 only
                host all %s 127.0.0.1/32 scram-sha-256
                """.formatted(USER));
    }

    /**
     * The live PostgreSQL server whose pid the data folder's postmaster.pid names, if any: a pid file naming a
     * dead process, or another program (the pid reused after a reboot), is a leftover.
     */
    static Optional<ProcessHandle> liveServer(Path data) throws IOException {
        Optional<PidFile> pidFile = PidFile.read(data);
        if (pidFile.isEmpty() || pidFile.get().pid() < 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pidFile.get().pid()).filter(ProcessHandle::isAlive).filter(Postmaster::isPostgres);
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(true);
    }

    /** The port of the server running on this folder, once it is ready; empty if none runs. */
    OptionalInt running() throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<PidFile> pidFile = PidFile.read(folder.data());
            if (pidFile.isEmpty()) {
                return OptionalInt.empty();
            }
            if (pidFile.get().pid() < 0) {
                waitUntil(deadline);
                continue;
            }
            Optional<ProcessHandle> server = ProcessHandle.of(pidFile.get().pid()).filter(ProcessHandle::isAlive);
            if (server.isEmpty()) {
                return OptionalInt.empty();
            }
            if (!isPostgres(server.get())) {
                // The pid of a server gone with a reboot, now another program's: PostgreSQL would take it for a
                // live server and refuse to start.
                Files.deleteIfExists(folder.data().resolve("postmaster.pid"));
                return OptionalInt.empty();
            }
            if (pidFile.get().ready()) {
                return OptionalInt.of(pidFile.get().port());
            }
            // Starting (by a process killed meanwhile) or stopping: wait for it to be one or the other.
            waitUntil(deadline);
        }
    }

    private void waitUntil(long deadline) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new IOException("the embedded PostgreSQL in " + folder.data() + " is neither ready nor gone after "
                    + WAIT.toSeconds() + " s (see " + folder.serverLog() + ")");
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
        }
    }

    /** @return the port it listens on */
    int start() throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Files.deleteIfExists(folder.serverLog());
            try {
                run("pg_ctl", List.of("start", "-w", "-t", Long.toString(WAIT.toSeconds()), "-D",
                        folder.data().toString(), "-l", folder.serverLog().toString(), "-o", "-p " + port),
                        "the embedded PostgreSQL did not start");
                return port;
            } catch (IOException e) {
                // Another program may have taken the free port in the meantime.
                if (attempt == START_ATTEMPTS || !Files.readString(folder.serverLog()).contains("could not bind")) {
                    throw e;
                }
            }
        }
    }

    void stop() throws IOException {
        run("pg_ctl", List.of("stop", "-w", "-t", Long.toString(WAIT.toSeconds()), "-m", "fast", "-D",
                folder.data().toString()), "the embedded PostgreSQL did not stop");
    }

    private void run(String program, List<String> arguments, String failure) throws IOException {
        run(program, arguments, null, failure);
    }

    /** @param input what the program reads on stdin, or null for nothing; @return what it said */
    private String run(String program, List<String> arguments, String input, String failure) throws IOException {
        Path output = Files.createTempFile(folder.root(), program, ".log");
        try {
            var builder = new ProcessBuilder(PostgresBinaries.command(binaries, program, arguments))
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(WAIT.toSeconds() + 30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(failure + " within " + WAIT.toSeconds() + " s (see " + folder.serverLog() + ")");
            }
            if (process.exitValue() != 0) {
                String said = Files.readString(output).strip().lines().reduce((first, last) -> last).orElse("");
                throw new IOException(failure + ": " + said + " (see " + folder.serverLog() + ")");
            }
            return Files.readString(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(failure + ": interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** postmaster.pid: line 1 the server's pid, line 4 its port, line 8 its status once it has one. */
    private record PidFile(long pid, int port, boolean ready) {

        static Optional<PidFile> read(Path data) throws IOException {
            List<String> lines;
            try {
                lines = Files.readAllLines(data.resolve("postmaster.pid"));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                // Being written: PostgreSQL fills it in a few steps.
                return Optional.of(new PidFile(-1, 0, false));
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : 0;
            return Optional.of(new PidFile(pid, port, lines.size() > 7 && lines.get(7).trim().equals("ready")));
        }
    }
}
