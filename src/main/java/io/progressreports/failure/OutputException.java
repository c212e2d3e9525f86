package io.progressreports.failure;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The output folder cannot be written (missing rights, full disk): exit 73. */
public class OutputException extends UncheckedIOException {

    public OutputException(String message, IOException cause) {
        super(message, cause);
    }
}
