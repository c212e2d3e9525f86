package io.progressreports.funnel;

import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Maps the reader's columns (id, namespace_id, created_at, then the actions in definition order). */
final class OnboardingRowMapper implements RowMapper<OnboardingRow> {

    private static final int FIRST_ACTION = 4;

    private final int actions;

    OnboardingRowMapper(int actions) {
        this.actions = actions;
    }

    @Override
    public OnboardingRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        long namespaceId = rs.getLong(2);
        Long namespace = rs.wasNull() ? null : namespaceId;
        long[] times = new long[actions];
        for (int i = 0; i < actions; i++) {
            times[i] = micros(rs.getTimestamp(FIRST_ACTION + i));
        }
        return new OnboardingRow(rs.getLong(1), namespace, micros(rs.getTimestamp(3)), times);
    }

    private static long micros(Timestamp timestamp) {
        if (timestamp == null) {
            return OnboardingRow.NONE;
        }
        return Math.floorDiv(timestamp.getTime(), 1000L) * 1_000_000L + timestamp.getNanos() / 1_000;
    }
}
