package io.progressreports.funnel;

import io.progressreports.source.SourceTimes;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the reader's columns (id, namespace_id, created_at, the actions in definition order, then the segment when
 * there is a breakdown).
 */
final class OnboardingRowMapper implements RowMapper<OnboardingRow> {

    static final int FIRST_ACTION = 4;

    private final int actions;
    private final boolean segmented;
    private final SourceTimes times;

    OnboardingRowMapper(int actions, boolean segmented, SourceTimes times) {
        this.actions = actions;
        this.segmented = segmented;
        this.times = times;
    }

    @Override
    public OnboardingRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        long namespaceId = rs.getLong(2);
        Long namespace = rs.wasNull() ? null : namespaceId;
        long[] actionTimes = new long[actions];
        for (int i = 0; i < actions; i++) {
            actionTimes[i] = times.micros(rs, FIRST_ACTION + i);
        }
        return new OnboardingRow(rs.getLong(1), namespace, times.micros(rs, 3), actionTimes,
                segmented ? rs.getString(FIRST_ACTION + actions) : null);
    }
}
