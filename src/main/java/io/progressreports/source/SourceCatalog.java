package io.progressreports.source;

import io.progressreports.cli.UsageException;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.List;

/**
 * What the source really has, read from PostgreSQL's catalog. Every identifier that reaches SQL comes from here,
 * never straight from a flag or a job file.
 */
public final class SourceCatalog {

    private static final String ACTION_SUFFIX = "_at";

    private final JdbcClient jdbc;

    public SourceCatalog(DataSource source) {
        this.jdbc = JdbcClient.create(source);
    }

    /** The table as the catalog names it, or a usage error naming the missing table. */
    public TableName table(String name) {
        return jdbc.sql("""
                        select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where c.oid = to_regclass(:name)""")
                .param("name", name)
                .query((rs, i) -> new TableName(rs.getString(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> new UsageException("table '" + name + "' not found in the source database"));
    }

    /** Action names: nullable timestamp columns named {@code <action>_at}, except created_at and updated_at. */
    public List<String> actions(TableName table) {
        return jdbc.sql("""
                        select a.attname from pg_attribute a
                        where a.attrelid = to_regclass(:table) and a.attnum > 0 and not a.attisdropped
                          and not a.attnotnull and a.atttypid in ('timestamptz'::regtype, 'timestamp'::regtype)
                          and a.attname like '%\\_at' and a.attname not in ('created_at', 'updated_at')
                        order by a.attnum""")
                .param("table", table.quoted())
                .query(String.class)
                .list()
                .stream()
                .map(column -> column.substring(0, column.length() - ACTION_SUFFIX.length()))
                .toList();
    }

    public static String column(String action) {
        return TableName.quote(action + ACTION_SUFFIX);
    }
}
