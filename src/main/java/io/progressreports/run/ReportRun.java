package io.progressreports.run;

import org.springframework.context.ApplicationContext;

import io.progressreports.launch.Published;

/** A run of a job file with its flags applied and checked, ready to launch: what {@code run <job>} does. */
public interface ReportRun {

    String job();

    /**
     * Checks the names against the source, then runs the job (or resumes its failed or stopped execution) in a
     * started application.
     *
     * @return the published report, and the alert rules its run broke
     */
    Published launch(ApplicationContext application);
}
