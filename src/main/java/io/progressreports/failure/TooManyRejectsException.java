package io.progressreports.failure;

/** A run that published its report but rejected more rows than its max-reject-rate allows: exit 65. */
public class TooManyRejectsException extends RuntimeException {

    public TooManyRejectsException(String verdict) {
        super(verdict);
    }
}
