package io.progressreports.alert;

import io.progressreports.compare.Point;

import java.time.LocalDate;
import java.util.Optional;

/** A rule the latest period broke: its value and the limit the rule worked out. */
public record Alert(String rule, String figure, LocalDate start, LocalDate end, double value, double limit) {

    static Optional<Alert> when(AlertRule rule, Point latest, double limit, boolean broken) {
        return broken ? Optional.of(new Alert(rule.text(), rule.figure(), latest.start(), latest.end(),
                latest.value(), limit)) : Optional.empty();
    }
}
