package io.progressreports.run;

import java.nio.file.Path;

/** A kind's launcher: checks a request's names against the source, then runs (or resumes) the kind's job. */
public interface RequestLauncher<R> {

    /** @return the published report folder */
    Path launch(R request, String sourceLabel, int chunkSize);
}
