package io.progressreports.report;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * How a run reads and writes, as opposed to what it counts.
 *
 * @param maxRejectRate the share of rejected rows above which the run exits 65 once its report is published; null
 *                      for no threshold
 */
public record ReportOptions(Path out, boolean bom, int partitionDays, BigDecimal maxRejectRate) {
}
