package io.progressreports.transfer;

import io.progressreports.source.Micros;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the reader's columns: id, step, status, total_items, completed_items, updated_at, timed, started, finished. */
final class StepTimingRowMapper implements RowMapper<StepTimingRow> {

    @Override
    public StepTimingRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new StepTimingRow(rs.getLong(1), rs.getString(2), rs.getString(3), count(rs, 4), count(rs, 5),
                Micros.of(rs.getTimestamp(6)), rs.getBoolean(7), Micros.of(rs.getTimestamp(8)),
                Micros.of(rs.getTimestamp(9)));
    }

    private static Long count(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
