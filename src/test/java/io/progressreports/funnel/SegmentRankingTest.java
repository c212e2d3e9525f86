package io.progressreports.funnel;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which segments a report names, and where each stored value goes. */
class SegmentRankingTest {

    private static Map<String, Long> sizes(Object... valueAndSize) {
        var sizes = new HashMap<String, Long>();
        for (int i = 0; i < valueAndSize.length; i += 2) {
            sizes.put((String) valueAndSize[i], ((Number) valueAndSize[i + 1]).longValue());
        }
        return sizes;
    }

    @Test
    void theLargestNKeepTheirNamesTheRestAreOtherAndNullIsNone() {
        var ranking = SegmentRanking.of(sizes("US", 50, "DE", 30, "FR", 20, "KR", 5, null, 7), 2);

        assertThat(ranking.segments()).containsExactly("US", "DE", "(other)", "(none)");
        assertThat(ranking.segmentOf("US")).isEqualTo("US");
        assertThat(ranking.segmentOf("FR")).isEqualTo("(other)");
        assertThat(ranking.segmentOf("KR")).isEqualTo("(other)");
        assertThat(ranking.segmentOf(null)).isEqualTo("(none)");
    }

    @Test
    void noneIsNeitherCountedInTheTopNorFoldedInOtherHoweverLarge() {
        var ranking = SegmentRanking.of(sizes("US", 5, "DE", 3, null, 1000), 2);

        assertThat(ranking.segments()).containsExactly("US", "DE", "(none)");
    }

    @Test
    void otherAndNoneOnlyWhenTheyHaveNamespaces() {
        assertThat(SegmentRanking.of(sizes("true", 6, "false", 4), 10).segments()).containsExactly("true", "false");
        assertThat(SegmentRanking.of(sizes(), 10).segments()).isEmpty();
        assertThat(SegmentRanking.of(sizes(null, 3), 10).segments()).containsExactly("(none)");
    }

    @Test
    void tiesAreBrokenByValueSoTheChoiceIsStable() {
        var ranking = SegmentRanking.of(sizes("b", 10, "c", 10, "a", 10, "d", 1), 2);

        assertThat(ranking.segments()).containsExactly("a", "b", "(other)");
        assertThat(ranking.segmentOf("c")).isEqualTo("(other)");
    }
}
