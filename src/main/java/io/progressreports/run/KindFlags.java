package io.progressreports.run;

import io.progressreports.failure.UsageException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of {@code run} that only one kind's jobs take ({@code --steps} for funnels), as each kind declared them
 * ({@link JobKind#runFlags()}): a flag of another kind than the job's is refused, so that no run ignores a flag.
 *
 * @param byKind each kind's flags as parsed, by kind name
 * @param given  the flags the command line set, by the kind they belong to
 */
public record KindFlags(Map<String, Object> byKind, Map<String, List<String>> given) {

    /** The nightly run: no flags. */
    public static final KindFlags NONE = new KindFlags(Map.of(), Map.of());

    /** The flags of {@code kind}, if the command line parsed them. */
    public <T> Optional<T> of(JobKind<?> kind, Class<T> type) {
        return Optional.ofNullable(byKind.get(kind.name())).map(type::cast);
    }

    /** Only these flags for {@code kind}, as a run's own definition takes them. */
    public KindFlags only(JobKind<?> kind, Object flags) {
        return new KindFlags(Map.of(kind.name(), flags), Map.of());
    }

    void refuseOthersThan(JobKind<?> kind, String job) {
        given.forEach((other, flags) -> {
            if (!other.equals(kind.name()) && !flags.isEmpty()) {
                throw new UsageException(flags.get(0) + " applies to " + other + " jobs only, and " + job + " is a "
                        + kind.name() + " job");
            }
        });
    }
}
