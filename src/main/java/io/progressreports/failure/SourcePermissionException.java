package io.progressreports.failure;

/** The source refused to let the run read a table: exit 77, and the same command resumes the run after a grant. */
public class SourcePermissionException extends RuntimeException {

    public SourcePermissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
