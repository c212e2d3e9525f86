package io.progressreports.job;

import java.util.Locale;

/** Whether step k must happen at or after step k-1 ({@code sequential}) or merely within the window ({@code any}). */
public enum FunnelOrder {
    SEQUENTIAL, ANY;

    public static FunnelOrder parse(String text) {
        for (FunnelOrder order : values()) {
            if (order.label().equals(text)) {
                return order;
            }
        }
        throw new IllegalArgumentException("order must be sequential or any, not '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
