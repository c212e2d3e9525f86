package io.progressreports.source;

/** A column a reader needs, and the kind of type it can read it as. */
public record RequiredColumn(String name, ColumnType type) {
}
