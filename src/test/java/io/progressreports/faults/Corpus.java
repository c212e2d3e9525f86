package io.progressreports.faults;

import io.progressreports.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A source database of its own, built by one of the SQL scripts in src/test/resources/faults. */
final class Corpus {

    private Corpus() {
    }

    /** @return the new database's URL */
    static String create(String script) throws IOException {
        String url = TestDatabase.newDatabaseUrl();
        // One statement string: the script's "set time zone" holds for all of it.
        TestDatabase.jdbc(url).execute(Files.readString(Path.of("src/test/resources/faults", script)));
        return url;
    }
}
