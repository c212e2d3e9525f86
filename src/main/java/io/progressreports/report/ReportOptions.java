package io.progressreports.report;

import java.nio.file.Path;

/** How a run reads and writes, as opposed to what it counts. */
public record ReportOptions(Path out, boolean bom, int partitionDays) {
}
