package io.progressreports.source;

import java.util.Set;

/** The column types a reader can take as it is, by PostgreSQL's type names. */
public enum ColumnType {

    INTEGER("an integer (smallint, integer or bigint)", Set.of("smallint", "integer", "bigint")),
    /** An item count: whole numbers are counted, a numeric with a fraction is a rejected row, never truncated. */
    COUNT("a number (smallint, integer, bigint or numeric)", Set.of("smallint", "integer", "bigint", "numeric")),
    TEXT("text (text, varchar or char)", Set.of("text", "character varying", "character")),
    TIMESTAMP("a timestamp", Set.of("timestamp with time zone", "timestamp without time zone")),
    /** A breakdown's segment, read as its text: any type has one. */
    ANY("any type", Set.of());

    private final String description;
    private final Set<String> names;

    ColumnType(String description, Set<String> names) {
        this.description = description;
        this.names = names;
    }

    boolean accepts(String typeName) {
        return this == ANY || names.contains(typeName);
    }

    String description() {
        return description;
    }
}
