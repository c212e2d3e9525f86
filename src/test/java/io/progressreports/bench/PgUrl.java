package io.progressreports.bench;

import io.progressreports.settings.SafeUrls;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL JDBC URL taken apart for psql, which wants host, port, database and user as flags and the password
 * in PGPASSWORD (never on a command line, where ps would show it). The password comes from the URL or from
 * REPORTS_SOURCE_PASSWORD, as for the jobs.
 */
record PgUrl(String jdbcUrl, String host, int port, String database, String user, String password) {

    static PgUrl parse(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + SafeUrls.redact(jdbcUrl));
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String password = query.getOrDefault("password", System.getenv("REPORTS_SOURCE_PASSWORD"));
        return new PgUrl(jdbcUrl, uri.getHost() == null ? "localhost" : uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(), database,
                query.getOrDefault("user", System.getProperty("user.name")), password);
    }

    /** psql's connection flags, without the password. */
    List<String> psqlFlags() {
        return new ArrayList<>(List.of("-h", host, "-p", Integer.toString(port), "-U", user, "-d", database));
    }

    /** PGPASSWORD for psql when there is a password. */
    Map<String, String> psqlEnvironment() {
        return password == null ? Map.of() : Map.of("PGPASSWORD", password);
    }
}
