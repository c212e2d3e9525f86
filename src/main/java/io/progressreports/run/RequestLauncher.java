package io.progressreports.run;

import io.progressreports.launch.Published;

/** A kind's launcher: checks a request's names against the source, then runs (or resumes) the kind's job. */
public interface RequestLauncher<R> {

    /** @return the published report, and the alert rules its run broke */
    Published launch(R request, String sourceLabel, int chunkSize);
}
