package io.progressreports.funnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import io.progressreports.job.JobValues;

import java.util.Objects;

/**
 * A funnel breakdown as a job file or {@code --breakdown} names it, before the catalog has seen it: the column whose
 * value is each namespace's segment, of the source table or of another table joined by key, and how many segments
 * the report shows by name.
 *
 * @param column   the column holding the segment
 * @param table    the table joined for it, or null for a column of the source table
 * @param key      the source table's column matched to {@code tableKey} (default namespace_id)
 * @param tableKey the joined table's column, unique per the catalog (default id)
 * @param top      how many of the largest segments keep their name; the rest are (other)
 */
public record Breakdown(String column, String table, String key, @JsonProperty("table-key") String tableKey,
                        Integer top) {

    public static final String DEFAULT_KEY = "namespace_id";
    public static final String DEFAULT_TABLE_KEY = "id";
    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 100;
    /** {@code --breakdown none}: the run leaves out the job file's breakdown. */
    public static final String NONE = "none";
    static final String FLAG = "--breakdown";

    /** The job file's form checked, with defaults filled in. */
    public Breakdown checked(String where) {
        if (column == null) {
            throw new UsageException(where + " needs a column, e.g. {column: type, table: namespaces}");
        }
        JobValues.columnName(where + ".column", column);
        if (table == null) {
            if (key != null || tableKey != null) {
                throw new UsageException(where + ": key and table-key need a table to join");
            }
        } else {
            JobValues.tableName(where + ".table", table);
            JobValues.columnName(where + ".key", key == null ? DEFAULT_KEY : key);
            JobValues.columnName(where + ".table-key", tableKey == null ? DEFAULT_TABLE_KEY : tableKey);
        }
        if (top != null && (top < 1 || top > MAX_TOP)) {
            throw new UsageException(where + ".top must be from 1 to " + MAX_TOP + ", not " + top);
        }
        return new Breakdown(column, table, table == null ? null : Objects.requireNonNullElse(key, DEFAULT_KEY),
                table == null ? null : Objects.requireNonNullElse(tableKey, DEFAULT_TABLE_KEY),
                Objects.requireNonNullElse(top, DEFAULT_TOP));
    }

    /**
     * The flag's compact form: {@code COLUMN} (of the source table), {@code TABLE.COLUMN} (joined on
     * namespace_id = TABLE.id) or {@code TABLE.COLUMN:KEY=TABLE_KEY}; TABLE may be schema-qualified. The job file's
     * top applies, else {@value #DEFAULT_TOP}.
     */
    public static Breakdown parse(String text, Integer top) {
        String spec = text;
        String key = null;
        String tableKey = null;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            spec = text.substring(0, colon);
            String[] keys = text.substring(colon + 1).split("=", -1);
            if (keys.length != 2) {
                throw usage(text);
            }
            key = keys[0];
            tableKey = keys[1];
        }
        int dot = spec.lastIndexOf('.');
        String table = dot < 0 ? null : spec.substring(0, dot);
        if (table == null && key != null || dot == spec.length() - 1 || spec.isEmpty()) {
            throw usage(text);
        }
        return new Breakdown(spec.substring(dot + 1), table, key, tableKey, top).checked(FLAG);
    }

    private static UsageException usage(String text) {
        return new UsageException(FLAG + " '" + Printable.of(text) + "' is not COLUMN, TABLE.COLUMN or "
                + "TABLE.COLUMN:KEY=TABLE_KEY (e.g. setup_for_company, namespaces.type)");
    }

    /** The compact form, as the run's definition and manifest show it; top apart. */
    public String label() {
        return table == null ? column : table + "." + column + ":" + key + "=" + tableKey;
    }
}
