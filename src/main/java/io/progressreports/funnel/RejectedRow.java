package io.progressreports.funnel;

import java.time.LocalDate;

/** A row the funnel cannot count, kept so that rows read = used + rejected holds for every day. */
public record RejectedRow(long id, LocalDate cohortDay, String reason) implements OnboardingRecord {
}
