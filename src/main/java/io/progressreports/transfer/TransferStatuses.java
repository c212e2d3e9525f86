package io.progressreports.transfer;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a transfer step's status means. The words that mean completed come from the job file ({@code statuses:},
 * default {@code completed}); failed, canceled and running are fixed words; anything else is "other". Every
 * comparison ignores case ({@code Completed} is completed), as status columns written by different code paths
 * disagree on case far more often than on words.
 *
 * @param completed the job's completed words, lower case
 */
public record TransferStatuses(Set<String> completed) {

    public static final List<String> DEFAULT = List.of("completed");
    /** How a NULL status is counted and shown. */
    public static final String NULL = "(null)";

    /** The columns of transfer_status.csv after the period, in order. */
    public enum Category {
        COMPLETED, FAILED, CANCELED, RUNNING, OTHER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<String> FAILED = Set.of("failed");
    private static final Set<String> CANCELED = Set.of("canceled", "cancelled");
    private static final Set<String> RUNNING = Set.of("running");

    public static TransferStatuses of(List<String> completed) {
        return new TransferStatuses(completed.stream().map(TransferStatuses::folded)
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean isCompleted(String status) {
        return status != null && completed.contains(folded(status));
    }

    /** A status as read, never null: the key a day counts it under. */
    public static String key(String status) {
        return status == null ? NULL : status;
    }

    /** The category of a status that is not a completed one. */
    public static Category category(String status) {
        String word = folded(status);
        return FAILED.contains(word) ? Category.FAILED : CANCELED.contains(word) ? Category.CANCELED
                : RUNNING.contains(word) ? Category.RUNNING : Category.OTHER;
    }

    /** The completed words, sorted, as the job's definition records them. */
    public List<String> words() {
        return completed.stream().sorted().toList();
    }

    private static String folded(String status) {
        return status.toLowerCase(Locale.ROOT);
    }
}
