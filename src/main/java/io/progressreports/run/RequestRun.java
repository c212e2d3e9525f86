package io.progressreports.run;

import org.springframework.context.ApplicationContext;

import io.progressreports.launch.Published;

/**
 * A kind's checked request, launched by the kind's launcher bean in the started application.
 *
 * @param fileChunkSize the job file's chunk size, below the application's setting; null for none
 */
public record RequestRun<R>(String job, Integer fileChunkSize, R request,
                            Class<? extends RequestLauncher<R>> launcher) implements ReportRun {

    @Override
    public Published launch(ApplicationContext application) {
        return application.getBean(launcher).launch(request, RunRequests.sourceLabel(application),
                RunRequests.chunkSize(application, fileChunkSize));
    }
}
