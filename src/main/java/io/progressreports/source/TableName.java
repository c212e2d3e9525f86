package io.progressreports.source;

/** A table name confirmed by the catalog, quoted for SQL. */
public record TableName(String schema, String table) {

    public String quoted() {
        return quote(schema) + "." + quote(table);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
