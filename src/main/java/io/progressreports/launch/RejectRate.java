package io.progressreports.launch;

import io.progressreports.report.Manifest;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The share of a report's rows that were rejected, over the report's whole range (reused days included, so the
 * same report gets the same verdict however much of it this run computed), against the run's max-reject-rate.
 * Over the threshold, the run still publishes its report and rejects, ends COMPLETED (its days are valid and are
 * reused), and exits 65: cron sees that the source's data went bad.
 *
 * @param checked   the rows the reject rules judged: used + rejected. A transfer step without a timing row (untimed)
 *                  is not judged (timings exist only for newer deployments), so it is left out; counting it would
 *                  let a backlog of old deployments hide a broken timing feed
 * @param threshold the max-reject-rate, a fraction from 0 to 1; null for none
 * @param file      the report file that lists the rejects
 */
public record RejectRate(long rejected, long checked, BigDecimal threshold, String file) {

    /** Job execution context key of the one-line verdict, present only when the threshold was exceeded. */
    private static final String EXCEEDED = "rejects.exceeded";

    /** Over the days of a report's range, each with its rejected and used rows. */
    public static <D> RejectRate over(Collection<D> days, ToLongFunction<D> rejected, ToLongFunction<D> used,
                                      BigDecimal threshold, String file) {
        long rejects = days.stream().mapToLong(rejected).sum();
        return new RejectRate(rejects, rejects + days.stream().mapToLong(used).sum(), threshold, file);
    }

    public double rate() {
        return checked == 0 ? 0 : (double) rejected / checked;
    }

    /** Strictly above: a threshold of 0 tolerates no reject, one of 1 (100%) any number. */
    public boolean exceeded() {
        return threshold != null && BigDecimal.valueOf(rejected).compareTo(threshold.multiply(
                BigDecimal.valueOf(checked))) > 0;
    }

    /** The manifest's "rejects". */
    public Map<String, Object> manifest() {
        return Manifest.ordered("rejected", rejected, "checked", checked, "rate", rate(),
                "max_rate", threshold == null ? null : threshold.doubleValue(), "exceeded", exceeded(), "file", file);
    }

    /** Leaves the verdict in the job's context, where the launch and the recorded exit code find it. */
    public void putInto(ExecutionContext context, String job, Path published) {
        if (exceeded()) {
            context.putString(EXCEEDED, job + ": " + percent(BigDecimal.valueOf(rate())) + " of rows rejected ("
                    + rejected + " of " + checked + "), over max-reject-rate " + percent(threshold)
                    + "; the report is published, the rejects are in " + published.resolve(file).toAbsolutePath()
                    .normalize());
        }
    }

    /** The one-line verdict of an execution whose report had too many rejects. */
    public static Optional<String> exceeded(ExecutionContext context) {
        return Optional.ofNullable(context.containsKey(EXCEEDED) ? context.getString(EXCEEDED) : null);
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).round(new MathContext(4)).stripTrailingZeros().toPlainString() + "%";
    }
}
