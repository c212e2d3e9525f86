package io.progressreports.funnel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The segments a report names: the {@code top} largest values by namespaces over the report's range (ties by
 * value, so the choice is stable), the rest folded into {@value #OTHER}, NULL (or no joined row) as
 * {@value #NONE}, which is not one of the top and never folded. Pure: the sizes come from the stored days.
 *
 * @param segments the report's segments in its order: the named ones largest first, then (other), then (none),
 *                 each only when it has namespaces
 */
public record SegmentRanking(List<String> segments, Set<String> named) {

    /** The rows of every namespace, as the report without a breakdown has them. */
    public static final String ALL = "(all)";
    public static final String OTHER = "(other)";
    public static final String NONE = "(none)";

    /** @param sizes namespaces per value over the range, NULL under a null key */
    public static SegmentRanking of(Map<String, Long> sizes, int top) {
        List<String> values = sizes.keySet().stream().filter(Objects::nonNull)
                .sorted(Comparator.comparing((String value) -> sizes.get(value)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        var segments = new ArrayList<>(values.subList(0, Math.min(top, values.size())));
        Set<String> named = new HashSet<>(segments);
        if (values.size() > top) {
            segments.add(OTHER);
        }
        if (sizes.containsKey(null)) {
            segments.add(NONE);
        }
        return new SegmentRanking(List.copyOf(segments), Set.copyOf(named));
    }

    /** The report segment a stored value belongs to. */
    public String segmentOf(String value) {
        return value == null ? NONE : named.contains(value) ? value : OTHER;
    }
}
