package io.progressreports.check;

import io.progressreports.failure.ExitCodes;

import java.util.Locale;

/**
 * One line of {@code check}'s answer.
 *
 * @param exitCode what the finding makes the check exit with; 0 for ok and warnings
 */
public record Finding(Level level, String subject, String message, int exitCode) {

    public enum Level { OK, WARNING, ERROR }

    public Finding {
        // Each finding is one line, whatever a driver or parser put in its message.
        message = message.replaceAll("\\s*\\R\\s*", " ");
    }

    static Finding ok(String subject, String message) {
        return new Finding(Level.OK, subject, message, ExitCodes.OK);
    }

    static Finding warning(String subject, String message) {
        return new Finding(Level.WARNING, subject, message, ExitCodes.OK);
    }

    static Finding error(String subject, String message, int exitCode) {
        return new Finding(Level.ERROR, subject, message, exitCode);
    }

    public String line() {
        return String.format("%-6s %s: %s", level.name().toLowerCase(Locale.ROOT), subject, message);
    }
}
