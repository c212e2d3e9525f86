package io.progressreports.transfer;

import io.progressreports.source.SourceTimes;
import org.springframework.jdbc.core.RowMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the reader's columns: id, step, status, total_items, completed_items, updated_at, timed, started, finished. */
final class StepTimingRowMapper implements RowMapper<StepTimingRow> {

    private final SourceTimes times;

    StepTimingRowMapper(SourceTimes times) {
        this.times = times;
    }

    @Override
    public StepTimingRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new StepTimingRow(rs.getLong(1), rs.getString(2), rs.getString(3), count(rs, 4), count(rs, 5),
                times.micros(rs, 6), rs.getBoolean(7), times.micros(rs, 8), times.micros(rs, 9));
    }

    /** A whole number as a Long (of any integer or numeric column); a fraction as the exact BigDecimal. */
    private static Number count(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        BigDecimal exact = value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
        if (exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0) {
            return exact.longValueExact();
        }
        return exact;
    }
}
