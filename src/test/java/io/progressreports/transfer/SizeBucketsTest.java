package io.progressreports.transfer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizeBucketsTest {

    @Test
    void bucketsAreDecadesOfItemsWithNoItemsApart() {
        assertThat(SizeBuckets.of(0)).isZero();
        assertThat(SizeBuckets.of(1)).isEqualTo(1);
        assertThat(SizeBuckets.of(9)).isEqualTo(1);
        assertThat(SizeBuckets.of(10)).isEqualTo(2);
        assertThat(SizeBuckets.of(99)).isEqualTo(2);
        assertThat(SizeBuckets.of(100)).isEqualTo(3);
        assertThat(SizeBuckets.of(31_344)).isEqualTo(5);
        assertThat(SizeBuckets.of(999_999_999_999_999_999L)).isEqualTo(18);
        assertThat(SizeBuckets.of(1_000_000_000_000_000_000L)).isEqualTo(SizeBuckets.LAST);
        assertThat(SizeBuckets.of(Long.MAX_VALUE)).isEqualTo(SizeBuckets.LAST);
    }

    @Test
    void eachBucketsBoundsHoldExactlyItsItems() {
        assertThat(SizeBuckets.minItems(0)).isZero();
        assertThat(SizeBuckets.maxItems(0)).isZero();
        assertThat(SizeBuckets.minItems(3)).isEqualTo(100);
        assertThat(SizeBuckets.maxItems(3)).isEqualTo(999);
        assertThat(SizeBuckets.maxItems(SizeBuckets.LAST)).isEqualTo(Long.MAX_VALUE);
        for (int bucket = 0; bucket <= SizeBuckets.LAST; bucket++) {
            assertThat(SizeBuckets.of(SizeBuckets.minItems(bucket))).as("min of %d", bucket).isEqualTo(bucket);
            assertThat(SizeBuckets.of(SizeBuckets.maxItems(bucket))).as("max of %d", bucket).isEqualTo(bucket);
            if (bucket > 0) {
                assertThat(SizeBuckets.minItems(bucket)).isEqualTo(SizeBuckets.maxItems(bucket - 1) + 1);
            }
        }
    }

    @Test
    void negativeItemsAndUnknownBucketsAreRefused() {
        assertThatThrownBy(() -> SizeBuckets.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SizeBuckets.minItems(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SizeBuckets.maxItems(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
