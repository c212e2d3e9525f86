package io.progressreports;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.Map;

/** Single figures and rows from SQL, for assertions about what a database holds. */
public record SqlFigures(JdbcClient jdbc) {

    public static SqlFigures on(DataSource database) {
        return new SqlFigures(JdbcClient.create(database));
    }

    public long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    public double decimal(String sql) {
        return jdbc.sql(sql).query(Double.class).single();
    }

    public Map<String, Object> row(String sql) {
        return jdbc.sql(sql).query().singleRow();
    }

    public static double number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }
}
