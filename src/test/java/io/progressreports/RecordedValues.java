package io.progressreports;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/** A histogram as the day stores' round-trip tests compare it: each recorded value's bucket and count. */
public final class RecordedValues {

    private RecordedValues() {
    }

    /** Each recorded value's bucket and count, as the percentiles are read from them. */
    public static List<List<Object>> of(DoubleHistogram histogram) {
        var values = new ArrayList<List<Object>>();
        for (DoubleHistogramIterationValue value : histogram.recordedValues()) {
            values.add(List.of(value.getValueIteratedTo(), value.getCountAtValueIteratedTo()));
        }
        return values;
    }
}
