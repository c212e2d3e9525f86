package io.progressreports.source;

import io.progressreports.failure.UsageException;
import io.progressreports.settings.ReportsProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Where a database password comes from: the setting itself (REPORTS_SOURCE_PASSWORD or application.yml) or a file
 * (REPORTS_SOURCE_PASSWORD_FILE, as Docker and Kubernetes secrets are mounted); a password in the URL needs
 * neither. Never a flag, which every user of the machine can read in the process list.
 */
public final class Passwords {

    private Passwords() {
    }

    /** @return the password, or null to leave it to the URL */
    public static String of(String name, ReportsProperties.Database database) {
        if (database.passwordFile() == null) {
            return database.password();
        }
        String variable = "REPORTS_" + name.toUpperCase(Locale.ROOT) + "_PASSWORD";
        if (database.password() != null) {
            throw new UsageException("both " + variable + " and " + variable + "_FILE are set for the " + name
                    + " database: give one");
        }
        String content;
        try {
            content = Files.readString(database.passwordFile());
        } catch (IOException | RuntimeException e) {
            // The exception names the file and the reason; its content never appears in a message.
            throw new UsageException("cannot read the " + name + " password file " + database.passwordFile() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        // Editors and `echo` end files with a newline that is not part of the password.
        String password = content.replaceAll("[\r\n]+$", "");
        if (password.isEmpty()) {
            throw new UsageException("the " + name + " password file " + database.passwordFile() + " is empty");
        }
        return password;
    }
}
