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
final class SpringSettings {

    private final List<String> arguments = new ArrayList<>();

    SpringSettings put(String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
        return this;
    }

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ReportsApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(true)
                .run(arguments.toArray(String[]::new));
    }
}
