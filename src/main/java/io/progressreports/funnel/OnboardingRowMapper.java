package io.progressreports.funnel;

import io.progressreports.source.Micros;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the reader's columns (id, namespace_id, created_at, then the actions in definition order). */
final class OnboardingRowMapper implements RowMapper<OnboardingRow> {

    static final int FIRST_ACTION = 4;

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
            times[i] = Micros.of(rs.getTimestamp(FIRST_ACTION + i));
        }
        return new OnboardingRow(rs.getLong(1), namespace, Micros.of(rs.getTimestamp(3)), times);
    }
}
