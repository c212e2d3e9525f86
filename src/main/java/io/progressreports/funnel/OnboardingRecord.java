package io.progressreports.funnel;

import java.time.LocalDate;

/** What the processor makes of a row: an evaluated namespace, or a row that cannot be used and why. */
public sealed interface OnboardingRecord permits NamespaceOutcome, RejectedRow {

    LocalDate cohortDay();
}
