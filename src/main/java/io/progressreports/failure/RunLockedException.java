package io.progressreports.failure;

/** Another run of the same job holds the lock: exit 75, try again later. */
public class RunLockedException extends RuntimeException {

    public RunLockedException(String message) {
        super(message);
    }
}
