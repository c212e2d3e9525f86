package io.progressreports.source;

/** A table name confirmed by the catalog, quoted for SQL. */
public record TableName(String schema, String table) {

    /** The inverse of {@link #toString()}, for names stored by an earlier run. */
    public static TableName parse(String qualified) {
        String[] parts = qualified.split("\\.", 2);
        return new TableName(parts[0], parts[1]);
    }

    public String quoted() {
        return quote(schema) + "." + quote(table);
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
