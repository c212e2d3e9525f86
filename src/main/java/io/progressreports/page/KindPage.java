package io.progressreports.page;

import java.util.List;

/**
 * What a job kind puts on its reports' pages beyond what every page shows.
 *
 * @param title        the page's heading, for example "Onboarding funnel"
 * @param headline     the figures a reader should see first
 * @param headlineNote what the headline figures are made of (for example "mature cohorts only")
 * @param qualityFiles the report's CSVs about rows that were not counted, shown under data quality
 * @param glossary     how each number of the report is defined
 */
public record KindPage(String title, List<Fact> headline, String headlineNote, List<String> qualityFiles,
                       List<Fact> glossary) {
}
