package io.progressreports.compare;

import java.time.LocalDate;

/** A period's figure that is not a share, for example a median speed. */
public record Point(LocalDate start, LocalDate end, double value) {
}
