package io.progressreports.cli;

import io.progressreports.ReportsApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings handed to Spring at the two ends of its order of precedence: flags as command-line properties, above
 * everything, so that flags beat environment variables, which beat application.yml; and fallbacks (the job
 * file's values) as default properties, below everything.
 */
final class SpringSettings {

    private final List<String> arguments = new ArrayList<>();
    private final Map<String, Object> fallbacks = new HashMap<>(
            Map.of("spring.config.location", SettingsFiles.locations()));

    SpringSettings put(String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
        return this;
    }

    SpringSettings fallback(String property, Object value) {
        if (value != null) {
            fallbacks.put(property, value);
        }
        return this;
    }

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ReportsApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(true)
                .properties(fallbacks)
                .run(arguments.toArray(String[]::new));
    }
}
