package io.progressreports.bench;

import org.postgresql.PGConnection;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * The baseline's fallback where psql is not installed: a minimal process that runs one statement through pgjdbc,
 * {@code copy <sql>} with CopyManager to standard output (as psql's COPY ... TO STDOUT), or {@code count <sql>}
 * printing the single value. Its JVM start (a few hundred ms) is part of its wall time, which favours the jobs
 * slightly; the results say which tool ran the baseline.
 *
 * <p>Usage: {@code CopyQuery <jdbc-url> copy|count <sql>}; password from PGPASSWORD.
 */
public final class CopyQuery {

    private CopyQuery() {
    }

    public static void main(String[] args) throws Exception {
        var properties = new Properties();
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(args[0], properties);
             OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            if (args[1].equals("copy")) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut(args[2], out);
            } else {
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(args[2])) {
                    rs.next();
                    out.write((rs.getString(1) + "\n").getBytes());
                }
            }
        }
    }
}
