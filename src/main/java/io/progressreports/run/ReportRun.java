package io.progressreports.run;

import org.springframework.context.ApplicationContext;

import java.nio.file.Path;

/** A run of a job file with its flags applied and checked, ready to launch: what {@code run <job>} does. */
public interface ReportRun {

    String job();

    /**
     * Checks the names against the source, then runs the job (or resumes its failed or stopped execution) in a
     * started application.
     *
     * @return the published report folder
     */
    Path launch(ApplicationContext application);
}
