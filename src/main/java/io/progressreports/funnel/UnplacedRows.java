package io.progressreports.funnel;

import io.progressreports.source.SourceCatalog;
import io.progressreports.source.TableName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

/**
 * Rows whose created_at is NULL belong to no cohort, so no span query ever reads them; they are counted here
 * instead, so that they show in the manifest and data_quality.csv rather than vanish. Only a nullable column is
 * counted: onboarding_progresses.created_at is NOT NULL, and then this costs one catalog lookup. A view's columns
 * are always nullable to the catalog; an index on the base table's created_at serves the IS NULL count.
 */
final class UnplacedRows {

    static final String CHECK = "created_at_missing";
    private static final String COLUMN = "created_at";
    private static final Logger LOG = LoggerFactory.getLogger(UnplacedRows.class);

    private UnplacedRows() {
    }

    static long count(DataSource source, FunnelRun run) {
        TableName table = run.layout().creationTable(run.table());
        if (!new SourceCatalog(source).nullable(table, COLUMN)) {
            return 0;
        }
        long rows = JdbcClient.create(source).sql("select count(*) from " + table.quoted() + " where "
                + COLUMN + " is null").query(Long.class).single();
        if (rows > 0) {
            LOG.warn("{} rows of {} have no {} and belong to no cohort: not counted in any day ({} in "
                    + "data_quality.csv, rows.unplaced in the manifest)", rows, table, COLUMN, CHECK);
        }
        return rows;
    }
}
