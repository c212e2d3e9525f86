package io.progressreports.cli;

import io.progressreports.ReportsApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings handed to Spring: flags as command-line properties, above everything, so that flags beat environment
 * variables, which beat application.yml (looked for where {@link SettingsFiles} says).
 */
public final class SpringSettings {

    private final List<String> arguments = new ArrayList<>();

    public SpringSettings put(String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
        return this;
    }

    /**
     * Without Spring's shutdown hook, nor Spring Boot's for logging: the JVM runs hooks side by side, and those
     * would close the store and the log under a running job. {@link GracefulShutdown} closes the application once
     * its jobs have stopped.
     */
    public ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ReportsApplication.class)
                // Names the generated ReportsApplication__ApplicationContextInitializer that AOT mode starts from
                // (Spring would otherwise take the CLI's main class).
                .main(ReportsApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties("logging.register-shutdown-hook=false")
                .properties(Map.of("spring.config.location", SettingsFiles.locations()))
                .run(arguments.toArray(String[]::new));
    }
}
