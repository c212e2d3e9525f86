package io.progressreports.failure;

/** A bad flag, job file or name: reported in one line, exit 64, nothing written. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
