package io.progressreports.transfer;

import io.progressreports.source.SourceTimes;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the deployments pass's columns: deployment_id, then arrays in the steps' order of step, status, timed,
 * started_at and finished_at. Times go through {@link SourceTimes} element by element, as single columns do.
 */
final class DeploymentRowMapper implements RowMapper<DeploymentRow> {

    private final SourceTimes times;

    DeploymentRowMapper(SourceTimes times) {
        this.times = times;
    }

    @Override
    public DeploymentRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        List<String> steps = texts(rs.getArray(2));
        List<String> statuses = texts(rs.getArray(3));
        int n = steps.size();
        var timed = new boolean[n];
        var started = new long[n];
        var finished = new long[n];
        elements(rs.getArray(4), (elements, i) -> timed[i] = elements.getBoolean(2));
        elements(rs.getArray(5), (elements, i) -> started[i] = times.micros(elements, 2));
        elements(rs.getArray(6), (elements, i) -> finished[i] = times.micros(elements, 2));
        return new DeploymentRow(rs.getLong(1), steps, statuses, timed, started, finished);
    }

    @FunctionalInterface
    private interface Element {
        void read(ResultSet elements, int index) throws SQLException;
    }

    /** An array's elements as a result set of (index, value) rows, as JDBC gives them, in order. */
    private static void elements(Array array, Element element) throws SQLException {
        try (ResultSet elements = array.getResultSet()) {
            for (int i = 0; elements.next(); i++) {
                element.read(elements, i);
            }
        } finally {
            array.free();
        }
    }

    private static List<String> texts(Array array) throws SQLException {
        var texts = new ArrayList<String>();
        elements(array, (elements, i) -> texts.add(elements.getString(2)));
        return texts;
    }
}
