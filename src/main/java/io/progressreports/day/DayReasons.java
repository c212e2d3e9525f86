package io.progressreports.day;

import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why a run computes a day instead of reusing a stored one, as its log and manifest say: the day's own stored row
 * is not final (or incomplete, or from a later as-of), {@code --recompute} asked, the job stored the day only under
 * other definitions (another source, source zone, aggregate format or report definition), or never stored it.
 */
public final class DayReasons {

    public static final String NEW = "new";
    public static final String RECOMPUTE = "recompute requested";
    public static final String INCOMPLETE = "incomplete";
    public static final String NOT_FINAL = "not final";
    public static final String LATER_AS_OF = "stored at a later as-of";
    public static final String FORMAT = "format changed";
    public static final String OTHER_DEFINITION = "other definition";

    /** The keys every job's definition JSON has for its source and its aggregate format. */
    public static final String SOURCE_KEY = "source";
    public static final String FORMAT_KEY = "format";
    private static final String SOURCE_ZONE = "zone";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DayReasons() {
    }

    /**
     * The plan of a run over {@code first} to {@code last}, with why each computed day is computed.
     *
     * @param storedDays every day stored under this definition, with the reason it must be computed again, or null
     *                   where it can be reused
     */
    public static DayPlan plan(LocalDate first, LocalDate last, Map<LocalDate, String> storedDays, boolean recompute,
                               Map<LocalDate, List<String>> otherDefinitions, String definitionJson,
                               int maxSpanDays, int threads) {
        Set<LocalDate> reusable = recompute ? Set.of() : storedDays.entrySet().stream()
                .filter(day -> day.getValue() == null).map(Map.Entry::getKey).collect(Collectors.toSet());
        var notReusable = new HashMap<>(storedDays);
        notReusable.values().removeIf(Objects::isNull);
        return DayPlan.of(first, last, reusable, maxSpanDays, threads)
                .because(of(recompute, notReusable, otherDefinitions, definitionJson));
    }

    /**
     * @param stored            the days stored under this definition that cannot be reused, each with its reason
     * @param otherDefinitions  per day, the definitions (JSON) under which the job stored it complete
     * @param definitionJson    this run's definition
     */
    static Function<LocalDate, String> of(boolean recompute, Map<LocalDate, String> stored,
                                                 Map<LocalDate, List<String>> otherDefinitions,
                                                 String definitionJson) {
        Map<String, Object> mine = parse(definitionJson);
        var cache = new LinkedHashMap<List<String>, String>();
        return day -> {
            if (recompute) {
                return RECOMPUTE;
            }
            String reason = stored.get(day);
            if (reason != null) {
                return reason;
            }
            List<String> others = otherDefinitions.getOrDefault(day, List.of());
            return others.isEmpty() ? NEW : cache.computeIfAbsent(others, o -> across(mine,
                    o.stream().map(DayReasons::parse).toList()));
        };
    }

    /**
     * Against the stored definition nearest to this one (differing in the fewest ways), the way it differs: the
     * aggregate format first, then the source zone, the source, and the rest of the definition.
     */
    static String across(Map<String, Object> mine, List<Map<String, Object>> others) {
        return others.stream().map(other -> differences(mine, other))
                .min(Comparator.comparingInt(List::size))
                .filter(differences -> !differences.isEmpty())
                .map(differences -> differences.get(0))
                .orElse(OTHER_DEFINITION);
    }

    @SuppressWarnings("unchecked")
    private static List<String> differences(Map<String, Object> mine, Map<String, Object> other) {
        var rest = new LinkedHashMap<>(other);
        rest.put(SOURCE_KEY, mine.get(SOURCE_KEY));
        rest.put(FORMAT_KEY, mine.get(FORMAT_KEY));
        Map<String, Object> mySource = (Map<String, Object>) mine.get(SOURCE_KEY);
        Map<String, Object> theirSource = (Map<String, Object>) other.get(SOURCE_KEY);
        var sourceBesidesZone = theirSource == null ? null : new LinkedHashMap<>(theirSource);
        if (sourceBesidesZone != null && mySource != null) {
            sourceBesidesZone.put(SOURCE_ZONE, mySource.get(SOURCE_ZONE));
        }
        var differences = new ArrayList<String>();
        if (!Objects.equals(mine.get(FORMAT_KEY), other.get(FORMAT_KEY))) {
            differences.add(FORMAT);
        }
        if (mySource != null && theirSource != null
                && !Objects.equals(mySource.get(SOURCE_ZONE), theirSource.get(SOURCE_ZONE))) {
            differences.add("other source zone");
        }
        if (!Objects.equals(mySource, sourceBesidesZone)) {
            differences.add("other source");
        }
        if (!rest.equals(mine)) {
            differences.add(OTHER_DEFINITION);
        }
        return differences;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return JSON.readValue(json, Map.class);
    }
}
