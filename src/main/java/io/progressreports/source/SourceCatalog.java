package io.progressreports.source;

import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What the source really has, read from PostgreSQL's catalog. Every identifier that reaches SQL comes from here,
 * never straight from a flag or a job file.
 */
public final class SourceCatalog {

    public static final String ACTION_SUFFIX = "_at";
    /** Tables, partitioned tables and materialized views hold indexes; views do not. */
    private static final Set<String> INDEXABLE = Set.of("r", "p", "m");
    private static final String VIEW = "v";
    private static final int MAX_VIEW_DEPTH = 8;
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema");

    private final JdbcClient jdbc;

    public SourceCatalog(DataSource source) {
        this.jdbc = JdbcClient.create(source);
    }

    /**
     * The table as the catalog names it, or a usage error naming the missing table. PostgreSQL's own catalogs are
     * refused: they are no report source, and a name like pg_authid (found through the search path) must not make
     * a run read them.
     */
    public TableName table(String name) {
        TableName table = jdbc.sql("""
                        select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where c.oid = to_regclass(:name)""")
                .param("name", name)
                .query((rs, i) -> new TableName(rs.getString(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> new UsageException("table '" + Printable.of(name)
                        + "' not found in the source database"));
        if (SYSTEM_SCHEMAS.contains(table.schema()) || table.schema().startsWith("pg_toast")) {
            throw new UsageException("table '" + Printable.of(name) + "' is " + table
                    + ", a PostgreSQL system catalog, not a source table");
        }
        return table;
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

    /** The table's column names, in table order. */
    public List<String> columns(TableName table) {
        return List.copyOf(columnTypes(table).keySet());
    }

    /**
     * A usage error naming the first column the table lacks or holds as another type (a timestamp as text), checked
     * before a row is read: a reader would otherwise fail mid-run, or read the wrong thing.
     */
    public void requireColumnTypes(TableName table, List<RequiredColumn> columns) {
        List<String> problems = columnProblems(table, columns);
        if (!problems.isEmpty()) {
            throw new UsageException(problems.get(0));
        }
    }

    /** One line for each column the table lacks or holds as a type the reader cannot take, in the given order. */
    public List<String> columnProblems(TableName table, List<RequiredColumn> columns) {
        Map<String, String> present = columnTypes(table);
        var problems = new ArrayList<String>();
        for (RequiredColumn column : columns) {
            String actual = present.get(column.name());
            if (actual == null) {
                problems.add(missing(table, column.name()).getMessage());
            } else if (!column.type().accepts(actual)) {
                problems.add("table " + table + " column '" + column.name() + "' is " + actual + ", not "
                        + column.type().description());
            }
        }
        return problems;
    }

    /** Column name to type name (a domain's base type), in table order. */
    public Map<String, String> columnTypes(TableName table) {
        var types = new LinkedHashMap<String, String>();
        jdbc.sql("""
                        select a.attname, format_type(case when t.typtype = 'd' then t.typbasetype else a.atttypid end,
                            null)
                        from pg_attribute a join pg_type t on t.oid = a.atttypid
                        where a.attrelid = to_regclass(:table) and a.attnum > 0 and not a.attisdropped
                        order by a.attnum""")
                .param("table", table.quoted())
                .query(rs -> {
                    types.put(rs.getString(1), rs.getString(2));
                });
        return types;
    }

    private static UsageException missing(TableName table, String column) {
        return new UsageException("table " + table + " has no column '" + column + "'");
    }

    /**
     * Whether the column may hold NULL as far as the catalog knows: a table's NOT NULL column cannot, while every
     * column of a view may (PostgreSQL does not carry NOT NULL through views).
     */
    public boolean nullable(TableName table, String column) {
        return jdbc.sql("""
                        select not attnotnull from pg_attribute
                        where attrelid = to_regclass(:table) and attname = :column and not attisdropped""")
                .param("table", table.quoted())
                .param("column", column)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    /** Whether some index on the table starts with the column, so a range of it can be read cheaply. */
    public boolean hasIndexOn(TableName table, String column) {
        return jdbc.sql("""
                        select exists (select 1 from pg_index i
                            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                            where i.indrelid = to_regclass(:table) and a.attname = :column)""")
                .param("table", table.quoted())
                .param("column", column)
                .query(Boolean.class)
                .single();
    }

    /**
     * Empty when a primary key or unique index of the table holds exactly this column (valid, not partial), so a
     * join on it matches at most one row; else why not, in one line. A view has no indexes: the catalog cannot
     * vouch for its rows, so a view is refused too.
     */
    public Optional<String> uniqueKeyProblem(TableName table, String column) {
        boolean unique = jdbc.sql("""
                        select exists (select 1 from pg_index i
                            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                            where i.indrelid = to_regclass(:table) and i.indisunique and i.indisvalid
                              and i.indnkeyatts = 1 and i.indpred is null and i.indexprs is null
                              and a.attname = :column)""")
                .param("table", table.quoted())
                .param("column", column)
                .query(Boolean.class)
                .single();
        if (unique) {
            return Optional.empty();
        }
        String kind = jdbc.sql("select relkind::text from pg_class where oid = to_regclass(:table)")
                .param("table", table.quoted()).query(String.class).optional().orElse("");
        return Optional.of(INDEXABLE.contains(kind)
                ? "table " + table + " has no primary key or unique index on (" + column + ") alone, so a join on "
                        + "it could count a namespace twice; create one, e.g. CREATE UNIQUE INDEX CONCURRENTLY ON "
                        + table.quoted() + " (" + TableName.quote(column) + ");"
                : table + " is a view (or foreign table): PostgreSQL keeps no unique index on it, so a join on "
                        + column + " could count a namespace twice; join the table it reads instead");
    }

    /**
     * What a run reading these columns reads, for its stored days' definition. The system identifier is readable
     * by every role from PostgreSQL 10 on; where a server refuses it, the server's address stands in (a primary
     * and its replicas then look like different sources, which costs a recomputation, never a wrong reuse).
     *
     * @param read the columns read of each table, in reading order
     */
    public SourceIdentity identity(Map<TableName, List<String>> read, ZoneId zone) {
        String system;
        try {
            system = jdbc.sql("select system_identifier::text from pg_control_system()").query(String.class).single();
        } catch (DataAccessException e) {
            system = jdbc.sql("select coalesce(host(inet_server_addr()), 'local') || ':' "
                    + "|| coalesce(inet_server_port(), 0)").query(String.class).single();
        }
        String database = jdbc.sql("select current_database()").query(String.class).single();
        var columns = new LinkedHashMap<String, Map<String, String>>();
        read.forEach((table, names) -> {
            Map<String, String> types = columnTypes(table);
            var typed = new LinkedHashMap<String, String>();
            names.forEach(name -> typed.put(name, types.get(name)));
            columns.put(table.toString(), typed);
        });
        return new SourceIdentity(system, database, columns, zone);
    }

    /** The role the source is read as. */
    public String role() {
        return jdbc.sql("select current_user").query(String.class).single();
    }

    /** Which of SELECT, INSERT, UPDATE, DELETE and TRUNCATE the role holds on the table, in that order. */
    public List<String> privileges(TableName table) {
        return jdbc.sql("""
                        select p.privilege
                        from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'])
                            with ordinality as p(privilege, n)
                        where has_table_privilege(to_regclass(:table), p.privilege)
                        order by p.n""")
                .param("table", table.quoted())
                .query(String.class)
                .list();
    }

    /** Whether the role may create tables (or anything else) in the schema. */
    public boolean canCreateIn(String schema) {
        return jdbc.sql("select has_schema_privilege(:schema, 'CREATE')")
                .param("schema", schema)
                .query(Boolean.class)
                .single();
    }

    /**
     * Empty when an index leading with the column serves reads of the table; else what to do about it: the
     * statement creating one, on the base table a view reads the column from (PostgreSQL indexes no view), or why
     * no statement can be given.
     */
    public Optional<String> missingIndex(TableName table, String column) {
        Optional<TableName> target = indexTarget(table, column);
        if (target.isEmpty()) {
            return Optional.of("no index advice for " + table + ": it is a view (or foreign table) whose " + column
                    + " the catalog cannot follow to one table; index the column it comes from");
        }
        return hasIndexOn(target.get(), column) ? Optional.empty()
                : Optional.of(indexStatement(target.get(), column));
    }

    /**
     * The table an index on the column would have to be on to serve reads of {@code table}: itself when it can hold
     * indexes, else the one relation a view reads a column of that name from, followed through views over views;
     * empty when there is no such single relation.
     */
    public Optional<TableName> indexTarget(TableName table, String column) {
        TableName current = table;
        for (int depth = 0; depth < MAX_VIEW_DEPTH; depth++) {
            String kind = jdbc.sql("select relkind::text from pg_class where oid = to_regclass(:table)")
                    .param("table", current.quoted()).query(String.class).optional().orElse("");
            if (INDEXABLE.contains(kind)) {
                return Optional.of(current);
            }
            if (!VIEW.equals(kind)) {
                return Optional.empty();
            }
            List<TableName> sources = jdbc.sql("""
                            select distinct n.nspname, c.relname
                            from pg_rewrite r
                            join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid
                                and d.refclassid = 'pg_class'::regclass and d.refobjid <> r.ev_class
                            join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
                            join pg_class c on c.oid = d.refobjid
                            join pg_namespace n on n.oid = c.relnamespace
                            where r.ev_class = to_regclass(:view) and a.attname = :column""")
                    .param("view", current.quoted())
                    .param("column", column)
                    .query((rs, i) -> new TableName(rs.getString(1), rs.getString(2)))
                    .list();
            if (sources.size() != 1) {
                return Optional.empty();
            }
            current = sources.get(0);
        }
        return Optional.empty();
    }

    /** The statement that would create the index, for logs, manifests and {@code check}. */
    public static String indexStatement(TableName table, String column) {
        return "CREATE INDEX CONCURRENTLY ON " + table.quoted() + " (" + TableName.quote(column) + ");";
    }

    public static String column(String action) {
        return TableName.quote(action + ACTION_SUFFIX);
    }
}
