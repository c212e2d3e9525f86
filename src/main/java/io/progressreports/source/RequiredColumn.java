package io.progressreports.source;

import java.util.List;

/** A column a reader needs, and the kind of type it can read it as. */
public record RequiredColumn(String name, ColumnType type) {

    public static List<String> names(List<RequiredColumn> columns) {
        return columns.stream().map(RequiredColumn::name).toList();
    }
}
