package io.progressreports;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A look into an embedded store from outside, as its owner (the password in its folder) or as another user. */
public final class EmbeddedStores {

    private EmbeddedStores() {
    }

    /** The running server's pid, from data/postmaster.pid, if a live process has it. */
    public static Optional<Long> serverPid(Path store) {
        Path pidFile = store.resolve("data/postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** As the store's owner: its URL with the password from the store folder; null while no server is up. */
    public static String ownerUrl(Path store) {
        try {
            Path pidFile = store.resolve("data/postmaster.pid");
            if (!Files.exists(pidFile)) {
                return null;
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return null;
            }
            return "jdbc:postgresql://127.0.0.1:" + lines.get(3).trim() + "/postgres?user=postgres&password="
                    + Files.readString(store.resolve("password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JdbcTemplate owner(Path store) {
        return new JdbcTemplate(new DriverManagerDataSource(ownerUrl(store)));
    }

    /** As the store's owner, on one connection for repeated questions, opened once the server is up. */
    public static SqlProbe ownerProbe(Path store) {
        return SqlProbe.whenUp(() -> ownerUrl(store));
    }

    /**
     * Every socket the process listens on, as ss(8) lists them: "tcp 127.0.0.1:5432" or "unix /path". A server
     * listening on none would make a test of who can connect prove nothing, so callers expect at least one.
     */
    public static List<String> listeners(long pid) {
        List<String> listeners = new ArrayList<>();
        Pattern owner = Pattern.compile("pid=" + pid + ",");
        for (String line : run(List.of("ss", "-Hlnp", "-A", "inet,unix")).output().lines().toList()) {
            if (!owner.matcher(line).find()) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            // Netid State Recv-Q Send-Q Local-Address:Port ...
            listeners.add((fields[0].startsWith("u_") ? "unix " : "tcp ") + fields[4]);
        }
        return listeners;
    }

    /** Runs psql as the OS user nobody against one listener, never asking for a password. */
    public static Result psqlAsNobody(String listener) {
        List<String> psql = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "env", "-i", "PATH=/usr/bin:/bin", "psql", "-w",
                "-X", "-U", "postgres", "-d", "postgres", "-c", "select current_user"));
        if (listener.startsWith("tcp ")) {
            Matcher address = Pattern.compile("tcp \\[?(.*?)]?:(\\d+)").matcher(listener);
            if (!address.matches()) {
                throw new IllegalArgumentException(listener);
            }
            psql.addAll(List.of("-h", address.group(1).equals("*") ? "127.0.0.1" : address.group(1), "-p",
                    address.group(2)));
        } else {
            Path socket = Path.of(listener.substring("unix ".length()));
            String name = socket.getFileName().toString();
            psql.addAll(List.of("-h", socket.getParent().toString(), "-p", name.substring(name.lastIndexOf('.') + 1)));
        }
        return run(psql);
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
