package io.progressreports.bench;

import io.progressreports.funnel.ActionColumns;
import io.progressreports.transfer.TransferLauncher;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The indexes `check` recommends for the default job files (the same constants TableNeeds uses): each table with an
 * index leading with the column its jobs read spans by. The demo schema creates them; a given database may lack them.
 */
final class RecommendedIndexes {

    record Needed(String table, String column) {
    }

    static final List<Needed> ALL = List.of(
            new Needed("deployment_step_timings", TransferLauncher.TIMINGS_INDEX_COLUMN),
            new Needed("deployment_steps", TransferLauncher.STEPS_INDEX_COLUMN),
            new Needed("deployment_steps", TransferLauncher.STEPS_DEPLOYMENT_COLUMN),
            new Needed("onboarding_progresses", ActionColumns.INDEX_COLUMN));

    /** Indexes on the table whose first column is the one named, as `check` looks for them. */
    private static final String LEADING = """
            select pg_get_indexdef(i.indexrelid) as definition, i.indexrelid::regclass::text as name,
                   i.indisprimary or i.indisunique as unique_or_key
            from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
            where i.indrelid = cast(:table as regclass) and a.attname = :column""";

    private final JdbcClient jdbc;

    RecommendedIndexes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the missing ones (a crashed "without" run, or a given database without them); returns their names. */
    List<String> ensure() {
        var created = new ArrayList<String>();
        for (Needed needed : ALL) {
            if (leading(needed).isEmpty()) {
                String name = needed.table() + "_" + needed.column() + "_idx";
                jdbc.sql("create index " + name + " on " + needed.table() + " (" + needed.column() + ")").update();
                jdbc.sql("analyze " + needed.table()).update();
                created.add(name);
            }
        }
        return created;
    }

    /** Drops every index leading with a recommended column; returns their definitions for {@link #restore}. */
    List<String> dropAll() {
        var dropped = new ArrayList<String>();
        for (Needed needed : ALL) {
            for (var row : leading(needed)) {
                if (Boolean.TRUE.equals(row.get("unique_or_key"))) {
                    throw new IllegalStateException("index " + row.get("name") + " is a key or unique: not dropping it");
                }
                jdbc.sql("drop index " + row.get("name")).update();
                dropped.add((String) row.get("definition"));
            }
        }
        return dropped;
    }

    void restore(List<String> definitions) {
        definitions.forEach(definition -> jdbc.sql(definition).update());
    }

    private List<java.util.Map<String, Object>> leading(Needed needed) {
        return jdbc.sql(LEADING).param("table", needed.table()).param("column", needed.column()).query().listOfRows();
    }
}
