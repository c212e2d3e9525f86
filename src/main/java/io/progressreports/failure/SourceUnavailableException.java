package io.progressreports.failure;

/** A run whose source stayed unreachable through every restart: exit 69, and the same command resumes it. */
public class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
