package io.progressreports.progress;

import io.progressreports.failure.SourceQueryException;
import io.progressreports.report.DateRange;
import io.progressreports.source.SpanQuery;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import javax.sql.DataSource;

/**
 * The rows a run will read, as the PostgreSQL planner estimates them for each span's query with that span's
 * parameters, summed. Costs a millisecond or so a span whatever the table's size, where counting would read the
 * rows a second time.
 */
final class RowEstimate {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RowEstimate() {
    }

    static long of(DataSource source, SpanQuery query, List<DateRange> spans) {
        var jdbc = new JdbcTemplate(source);
        long rows = 0;
        try {
            for (DateRange span : spans) {
                String plan = jdbc.query("explain (format json) " + query.sql(), query.parameters(span),
                        result -> result.next() ? result.getString(1) : "[]");
                rows += JSON.readTree(plan).path(0).path("Plan").path("Plan Rows").asLong();
            }
        } catch (DataAccessException e) {
            // The first use of the source in a restarted run: a source still down is retried like a lost read.
            throw SourceQueryException.marked(e, query.tables());
        }
        return rows;
    }
}
