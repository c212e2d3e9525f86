package io.progressreports.source;

import io.progressreports.failure.SourceQueryException;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A cursor over the source whose failures say they are the source's and which tables it read
 * ({@link SourceQueryException#marked}), with room to sort and hash a span in memory.
 */
public class SourceCursorReader<T> extends JdbcCursorItemReader<T> {

    /**
     * A span's rows are sorted (a restart skips exactly the rows already read) and joined by hash. At PostgreSQL's
     * default 4MB both spill to disk in batches: measured on 4M steps in four spans, 34 s of server CPU at 4MB and
     * 14 s at 64MB. It is set for the cursor's own transaction only ({@code SET LOCAL}), which a read-only replica
     * allows.
     */
    static final String WORK_MEM = "64MB";

    /** Maps a failure by its exception type and SQLState alone. */
    private final SQLExceptionTranslator translator = new SQLExceptionSubclassTranslator();

    private final String tables;

    public SourceCursorReader(DataSource source, String tables, String sql, RowMapper<T> rows) {
        super(source, sql, rows);
        this.tables = tables;
    }

    /**
     * The default translator first asks the database for its product name, on a new connection: with the source
     * down that costs another connection timeout for every failure, only to learn that it is PostgreSQL.
     */
    @Override
    protected SQLExceptionTranslator getExceptionTranslator() {
        return translator;
    }

    @Override
    protected void openCursor(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local work_mem = '" + WORK_MEM + "'");
        } catch (SQLException e) {
            throw translateSqlException("Setting work_mem for the cursor", getSql(), e);
        }
        super.openCursor(connection);
    }

    /** Getting the connection: the pool's timeout, or a refused connection. */
    @Override
    protected void initializeConnection() {
        try {
            super.initializeConnection();
        } catch (DataAccessException e) {
            throw SourceQueryException.marked(e, tables);
        }
    }

    /** Every SQL failure of the cursor (opening it, moving to the restart row, fetching) passes through here. */
    @Override
    protected DataAccessException translateSqlException(String task, String sql, SQLException failure) {
        return SourceQueryException.marked(super.translateSqlException(task, sql, failure), tables);
    }
}
