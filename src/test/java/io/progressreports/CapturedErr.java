package io.progressreports;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * System.err during one test, where the in-process CLI prints its error line and the log goes:
 * {@code @RegisterExtension final CapturedErr err = new CapturedErr();}
 */
public final class CapturedErr implements BeforeEachCallback, AfterEachCallback {

    private static final String ERROR_PREFIX = "progress-reports:";

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream original;

    @Override
    public void beforeEach(ExtensionContext context) {
        original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(original);
    }

    public String text() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The CLI's own error lines, without the log around them. */
    public List<String> errorLines() {
        return text().lines().filter(line -> line.startsWith(ERROR_PREFIX)).toList();
    }
}
