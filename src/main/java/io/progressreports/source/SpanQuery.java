package io.progressreports.source;

import io.progressreports.report.DateRange;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * The SQL that reads one span of days from the source and how a span binds to it. The partition's reader and the
 * row estimate both start from it, so the estimate is of the query that actually runs.
 *
 * @param tables the source tables it reads, as failures name them
 */
public record SpanQuery(String tables, String sql, Binder binder) {

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, DateRange span) throws SQLException;
    }

    /**
     * Binds a span's days, {@code parts} times over: the instant its first day starts and the instant after its
     * last day ends (exclusive), both in the report's {@code zone}, then {@code asOf}; each as the source's columns
     * hold times, in {@code sourceZone} ({@link SourceTimes}, one per binding: spans may bind on threads of their
     * own).
     */
    public static Binder days(ZoneId zone, Instant asOf, ZoneId sourceZone, int parts) {
        return (statement, span) -> {
            var times = new SourceTimes(sourceZone);
            Instant start = span.from().atStartOfDay(zone).toInstant();
            Instant end = span.to().plusDays(1).atStartOfDay(zone).toInstant();
            for (int part = 0; part < parts; part++) {
                times.bind(statement, part * 3 + 1, start);
                times.bind(statement, part * 3 + 2, end);
                times.bind(statement, part * 3 + 3, asOf);
            }
        };
    }

    public PreparedStatementSetter parameters(DateRange span) {
        return statement -> binder.bind(statement, span);
    }

    /**
     * Streams the span's rows: pgjdbc streams only with autocommit off, {@code fetchSize} rows at a time. A lost
     * connection fails the partition as the source's, so the run restarts it from its last committed chunk.
     */
    public <T> JdbcCursorItemReader<T> reader(String name, DataSource source, DateRange span, RowMapper<T> rows,
                                              int fetchSize) {
        var reader = new SourceCursorReader<>(source, tables, sql, rows);
        reader.setName(name);
        reader.setPreparedStatementSetter(parameters(span));
        reader.setConnectionAutoCommit(false);
        reader.setFetchSize(fetchSize);
        return reader;
    }
}
