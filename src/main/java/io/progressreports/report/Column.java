package io.progressreports.report;

import java.util.List;
import java.util.function.Function;

/**
 * A CSV column: its header and how a row's cell is written, declared together so that headers and cells cannot
 * fall out of line.
 *
 * @param cell a row's cell, formatted by {@link Cells}
 */
public record Column<T>(String name, Function<? super T, String> cell) {

    public static <T> List<String> names(List<Column<T>> columns) {
        return columns.stream().map(Column::name).toList();
    }

    /** A row's cells, in the columns' order. */
    public static <T> List<String> cells(List<Column<T>> columns, T row) {
        return columns.stream().map(column -> column.cell().apply(row)).toList();
    }
}
