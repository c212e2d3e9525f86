package io.progressreports.page;

import java.util.List;

/** A job's published reports, newest first: those of its job file's definition, and ad-hoc ones apart. */
public record JobReports(String job, List<PublishedReport> reports, List<PublishedReport> adhoc) {
}
