package io.progressreports.faults;

import io.progressreports.demo.SourceSchema;
import io.progressreports.demo.SyntheticDeploymentData;
import io.progressreports.demo.SyntheticOnboardingData;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A PostgreSQL of its own that writes every statement it is sent to a log file (log_statement = all), so a test
 * can show what reached SQL and what did not. TestDatabase's shared server is not used: its log is nowhere a test
 * can read, and other tests' statements would mix in.
 */
final class StatementLog implements AutoCloseable {

    private static final Instant NOW = Instant.parse("2026-11-01T06:00:00Z");
    /**
     * Every log entry starts with the default log_line_prefix '%m [%p] ' (set it here and pg_ctl's option string
     * splits at its spaces): a statement's later lines do not.
     */
    private static final Pattern ENTRY = Pattern.compile(
            "(?m)^(?=\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ \\S+ \\[\\d+\\] )");
    /** How the server logs SQL text: simple and extended protocol, and the statement an error came from. */
    private static final Pattern STATEMENT = Pattern.compile("(LOG:  (statement|execute [^:]*|parse [^:]*|bind [^:]*)"
            + "|STATEMENT):  ");

    private final EmbeddedPostgres postgres;
    private final Path file;
    private int databases;
    private int sentinels;

    private StatementLog(EmbeddedPostgres postgres, Path file) {
        this.postgres = postgres;
        this.file = file;
    }

    static StatementLog start() {
        try {
            Path folder = Files.createTempDirectory("statement-log");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", folder.toString())
                    .setServerConfig("log_filename", "statements.log")
                    .setServerConfig("log_rotation_size", "0")
                    .setServerConfig("log_statement", "all")
                    .setServerConfig("log_connections", "on")
                    .start();
            return new StatementLog(postgres, folder.resolve("statements.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new source database with the demo schema and a few synthetic namespaces and deployments. */
    String newSourceUrl() {
        String url = newDatabaseUrl();
        var source = new DriverManagerDataSource(url);
        SourceSchema.migrate(source);
        SyntheticOnboardingData.generate(source, new SyntheticOnboardingData.Settings(200, 10, 7, NOW));
        SyntheticDeploymentData.generate(source, new SyntheticDeploymentData.Settings(5, 10, 11, NOW));
        return url;
    }

    String newDatabaseUrl() {
        String name = "logged_" + ++databases;
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database " + name);
        return postgres.getJdbcUrl("postgres", name);
    }

    /** Where the log ends now: what is logged after it belongs to what the test does next. */
    long mark() {
        settle();
        return size();
    }

    /**
     * The SQL text of every statement logged since the mark (bound parameter values, logged apart as DETAIL, are
     * not SQL text: the server never parses them).
     */
    List<String> statementsSince(long mark) {
        var statements = new ArrayList<String>();
        for (String entry : ENTRY.split(textSince(mark))) {
            var matcher = STATEMENT.matcher(entry);
            if (matcher.find()) {
                statements.add(entry.substring(matcher.end()));
            }
        }
        return statements;
    }

    /** Everything logged since the mark: statements, bound parameters, connections, errors. */
    String textSince(long mark) {
        settle();
        try {
            byte[] all = Files.readAllBytes(file);
            return new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The server writes its log through a collector process, a moment after the statement. A statement of our own
     * sent now is logged after everything sent before it, so once it is in the file, so is all that came earlier.
     */
    private void settle() {
        String sentinel = "statement-log-sentinel-" + ++sentinels;
        // The sentinel is logged after everything up to now: only the log's growth from here needs reading.
        long from = Files.exists(file) ? size() : 0;
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("select '" + sentinel + "'");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (!Files.exists(file) || !tail(from).contains(sentinel)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the statement log " + file + " did not show " + sentinel);
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String tail(long from) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            var bytes = ByteBuffer.allocate((int) Math.max(0, channel.size() - from));
            channel.read(bytes, from);
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        }
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
