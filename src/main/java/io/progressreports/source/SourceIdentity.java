package io.progressreports.source;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which data a run reads, as far as a stored day's numbers depend on it: the server (PostgreSQL's system
 * identifier, shared by a primary and its physical replicas, new for a restored copy), the database, every table
 * and column read with its type, and the zone the source's {@code timestamp without time zone} columns hold wall
 * times in. Two runs whose identities differ never share stored days.
 *
 * @param system  pg_control_system().system_identifier, or the server's address where the role may not read it
 * @param columns schema-qualified table to column name to type name, each in reading order
 * @param zone    the source zone: naive timestamps are read as wall times there
 */
public record SourceIdentity(String system, String database, Map<String, Map<String, String>> columns, ZoneId zone) {

    private static final String SYSTEM = "system";
    private static final String DATABASE = "database";
    private static final String COLUMNS = "columns";
    private static final String ZONE = "zone";
    private static final String NAIVE = "timestamp without time zone";

    /** For the definition's JSON, with a stable key order. */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put(SYSTEM, system);
        json.put(DATABASE, database);
        json.put(COLUMNS, columns);
        json.put(ZONE, zone.getId());
        return json;
    }

    /** The columns read that hold naive wall times ({@code timestamp without time zone}), as table.column. */
    public List<String> naiveColumns() {
        return columns.entrySet().stream()
                .flatMap(table -> table.getValue().entrySet().stream()
                        .filter(column -> NAIVE.equals(column.getValue()))
                        .map(column -> table.getKey() + "." + column.getKey()))
                .toList();
    }

    /** What the manifest's "source" adds about the data read. */
    public Map<String, Object> manifest() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("system_identifier", system);
        fields.put("database", database);
        fields.put("source_zone", zone.getId());
        fields.put("naive_columns", naiveColumns());
        return fields;
    }

    @SuppressWarnings("unchecked")
    public static SourceIdentity fromJson(Map<String, Object> json) {
        return new SourceIdentity((String) json.get(SYSTEM), (String) json.get(DATABASE),
                (Map<String, Map<String, String>>) json.get(COLUMNS), ZoneId.of((String) json.get(ZONE)));
    }
}
