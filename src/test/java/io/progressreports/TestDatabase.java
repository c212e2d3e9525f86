package io.progressreports;

import io.progressreports.demo.SourceSchema;
import io.progressreports.demo.SyntheticDeploymentData;
import io.progressreports.demo.SyntheticOnboardingData;
import io.progressreports.store.StoreMigrations;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test run (started on first use, stopped with the JVM), holding a seeded
 * source database and as many fresh store databases as tests ask for. A test class's databases are dropped when
 * it ends ({@link DropAfterClass}): the server's folder stays small, so stopping and deleting it when the test JVM
 * exits takes a moment (with every database of the run in it, that took over 30 s on a busy machine, and
 * surefire killed the JVM).
 */
public final class TestDatabase {

    public static final Instant NOW = Instant.parse("2026-11-01T06:00:00Z");
    private static final AtomicInteger STORES = new AtomicInteger();
    /** Made since the last test class ended. */
    private static final List<String> MADE = new ArrayList<>();
    /** A small pool per URL, closed before its database is dropped or copied. */
    private static final Map<String, HikariDataSource> POOLS = new HashMap<>();
    private static EmbeddedPostgres postgres;
    private static boolean seeded;
    private static boolean storeTemplate;

    private TestDatabase() {
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    /** A source database with 20,000 synthetic namespaces over the 120 days before {@link #NOW}, made on first use. */
    public static synchronized String seededSourceUrl() {
        if (!seeded) {
            admin().execute("create database seeded_source");
            var source = dataSource(url("seeded_source"));
            SourceSchema.migrate(source);
            SyntheticOnboardingData.generate(source, new SyntheticOnboardingData.Settings(20_000, 120, 7, NOW));
            seeded = true;
        }
        return url("seeded_source");
    }

    /**
     * A new source database of its own (for tests that alter it), with synthetic namespaces and deployments over
     * the {@code days} before {@link #NOW}; zero of either leaves its tables empty.
     */
    public static String newSourceUrl(int namespaces, int deploymentsPerDay, int days) {
        String url = newDatabaseUrl();
        var source = emptySource(url);
        if (namespaces > 0) {
            SyntheticOnboardingData.generate(source, new SyntheticOnboardingData.Settings(namespaces, days, 7, NOW));
        }
        if (deploymentsPerDay > 0) {
            SyntheticDeploymentData.generate(source,
                    new SyntheticDeploymentData.Settings(deploymentsPerDay, days, 11, NOW));
        }
        return url;
    }

    /**
     * A new database holding what {@code url}'s holds, copied by the server (CREATE DATABASE ... TEMPLATE): faster
     * than generating the same seeded rows again. Nothing may be connected to {@code url} meanwhile.
     */
    public static String copyOf(String url) {
        closePools(database(url));
        return newDatabaseUrl(database(url));
    }

    private static String database(String url) {
        String path = url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A new database with the source tables (as the demo's Flyway migrations create them) and no rows. */
    public static DataSource newEmptySource() {
        return emptySource(newDatabaseUrl());
    }

    private static DataSource emptySource(String url) {
        var source = dataSource(url);
        SourceSchema.migrate(source);
        return source;
    }

    /**
     * A new store of its own, so tests do not see each other's days, its schema already migrated: a copy of a
     * template database migrated once per test JVM. Copying takes about a third of what migrating an empty store
     * takes (measured at load 8: 0.25 s against 0.8 s), and a run finds the store up to date as on every run but
     * its first. Tests of the migrations themselves, or of a store owned by another role, take
     * {@link #newDatabaseUrl()}.
     */
    public static String newStoreUrl() {
        synchronized (TestDatabase.class) {
            if (!storeTemplate) {
                // A migration that failed earlier in this JVM left the template behind: start it again, so that
                // every store-using test reports that failure rather than "store_template already exists".
                admin().execute("drop database if exists store_template");
                admin().execute("create database store_template");
                // Not a pool: a template must have no connection open while it is copied.
                StoreMigrations.migrate(new DriverManagerDataSource(url("store_template")));
                storeTemplate = true;
            }
        }
        return newDatabaseUrl("store_template");
    }

    /** A new, empty database. */
    public static String newDatabaseUrl() {
        return newDatabaseUrl("template1");
    }

    private static String newDatabaseUrl(String template) {
        String name = "db_" + STORES.incrementAndGet();
        admin().execute("create database " + name + " template " + template);
        synchronized (MADE) {
            MADE.add(name);
        }
        return url(name);
    }

    /**
     * Drops the databases made since the last test class ended, with whatever is still connected to them. Every
     * test class gets this, with no annotation: junit-platform.properties turns on extension auto-detection and
     * META-INF/services names this class.
     */
    public static final class DropAfterClass implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            List<String> made;
            synchronized (MADE) {
                made = List.copyOf(MADE);
                MADE.clear();
            }
            for (String name : made) {
                closePools(name);
                admin().execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    /**
     * A login role that must give its password: the test server trusts every other connection, so a rule for this
     * role alone goes first in pg_hba.conf. The rule stays for the rest of the test run.
     */
    public static void passwordRole(String role, String password) {
        JdbcTemplate admin = admin();
        if (admin.queryForObject("select count(*) from pg_roles where rolname = ?", Integer.class, role) == 0) {
            admin.execute("create role " + role + " login password '" + password + "'");
        }
        try {
            Path hba = Path.of(admin.queryForObject("show hba_file", String.class));
            String rule = "host all " + role + " all scram-sha-256\n";
            if (!Files.readString(hba).contains(rule)) {
                Files.writeString(hba, rule + Files.readString(hba));
                admin.execute("select pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(dataSource(url));
    }

    /**
     * Connections to {@code url} from a pool kept until its database is dropped (or copied): a connection per
     * statement, as DriverManagerDataSource opens, costs the server a backend's start with cold caches each time,
     * which was a third of the test server's work in mvn test. What a statement leaves in its session (a SET, a
     * temporary table) is seen by later ones.
     */
    public static DataSource dataSource(String url) {
        synchronized (POOLS) {
            return POOLS.computeIfAbsent(url, TestDatabase::pool);
        }
    }

    private static HikariDataSource pool(String url) {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("test-" + database(url));
        // Opened as used, not filled ahead: most tests use one connection at a time, a few up to three.
        config.setMinimumIdle(0);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    private static void closePools(String database) {
        List<HikariDataSource> closing = new ArrayList<>();
        synchronized (POOLS) {
            POOLS.values().removeIf(pool -> database(pool.getJdbcUrl()).equals(database) && closing.add(pool));
        }
        closing.forEach(HikariDataSource::close);
    }

    private static JdbcTemplate admin() {
        return jdbc(url("postgres"));
    }

    private static String url(String database) {
        return postgres().getJdbcUrl("postgres", database);
    }
}
