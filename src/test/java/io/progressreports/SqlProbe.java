package io.progressreports;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One connection, kept open, for asking a database over and over while a process under test runs
 * ({@link CliProcess#awaitWhileRunning} asks every 20 ms). A new connection per question costs a server backend's
 * start, and with a password a SCRAM exchange on both sides: 50 a second took CPU from the very process the test
 * waits for on a 2-core machine. Closed as soon as the wait is over, so nothing of the test stays connected.
 */
public final class SqlProbe implements AutoCloseable {

    private final Supplier<String> url;
    private SingleConnectionDataSource connection;

    private SqlProbe(Supplier<String> url) {
        this.url = url;
    }

    /** On the database at {@code url}. */
    public static SqlProbe of(String url) {
        return new SqlProbe(() -> url);
    }

    /** On a database whose URL is known only once its server is up: {@code url} gives null until then. */
    public static SqlProbe whenUp(Supplier<String> url) {
        return new SqlProbe(url);
    }

    /**
     * {@code question}'s answer. A failed question (the server not up yet or gone, the schema not there yet) drops
     * the connection, and the next question opens another.
     */
    public synchronized <T> T ask(Function<JdbcTemplate, T> question) {
        if (connection == null) {
            String target = url.get();
            if (target == null) {
                throw new IllegalStateException("the server is not up yet");
            }
            connection = new SingleConnectionDataSource(target, true);
        }
        try {
            return question.apply(new JdbcTemplate(connection));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Whether a chunk of a step whose name starts with {@code stepPrefix} has committed, in a store; false while
     * the store's server or its schema is not up yet.
     */
    public boolean chunkCommitted(String stepPrefix) {
        try {
            Integer commits = ask(sql -> sql.queryForObject("select coalesce(max(commit_count), 0) from "
                    + "batch_step_execution where step_name like ?", Integer.class, stepPrefix + "%"));
            return commits != null && commits > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.destroy();
            connection = null;
        }
    }
}
