package io.progressreports.funnel;

public record ConversionPoint(java.time.LocalDate cohortStart, java.time.LocalDate cohortEnd, int stepNumber,
                              String step, double conversionFromStart, boolean mature) {
}
