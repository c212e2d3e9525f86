package io.progressreports.source;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import javax.sql.DataSource;
import java.sql.SQLException;

/** A cursor over the source whose connection failures say they are the source's ({@link SourceConnectionException}). */
public class SourceCursorReader<T> extends JdbcCursorItemReader<T> {

    /** Maps a failure by its exception type and SQLState alone. */
    private final SQLExceptionTranslator translator = new SQLExceptionSubclassTranslator();

    public SourceCursorReader(DataSource source, String sql, RowMapper<T> rows) {
        super(source, sql, rows);
    }

    /**
     * The default translator first asks the database for its product name, on a new connection: with the source
     * down that costs another connection timeout for every failure, only to learn that it is PostgreSQL.
     */
    @Override
    protected SQLExceptionTranslator getExceptionTranslator() {
        return translator;
    }

    /** Getting the connection: the pool's timeout, or a refused connection. */
    @Override
    protected void initializeConnection() {
        try {
            super.initializeConnection();
        } catch (DataAccessException e) {
            throw SourceConnectionException.marked(e);
        }
    }

    /** Every SQL failure of the cursor (opening it, moving to the restart row, fetching) passes through here. */
    @Override
    protected DataAccessException translateSqlException(String task, String sql, SQLException failure) {
        return SourceConnectionException.marked(super.translateSqlException(task, sql, failure));
    }
}
