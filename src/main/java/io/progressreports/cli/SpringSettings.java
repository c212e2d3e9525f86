package io.progressreports.cli;

import io.progressreports.ReportsApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Flags handed to Spring as command-line properties, the highest-precedence source, so that flags beat
 * environment variables, which beat application.yml.
 */
public final class SpringSettings {

    private final List<String> arguments = new ArrayList<>();

    public SpringSettings put(String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
        return this;
    }

    public SpringSettings copy() {
        var copy = new SpringSettings();
        copy.arguments.addAll(arguments);
        return copy;
    }

    /**
     * Without Spring's shutdown hook, nor Spring Boot's for logging: the JVM runs hooks side by side, and those
     * would close the store and the log under a running job. {@link GracefulShutdown} closes the application once
     * its jobs have stopped.
     */
    public ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ReportsApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties("logging.register-shutdown-hook=false")
                .run(arguments.toArray(String[]::new));
    }
}
