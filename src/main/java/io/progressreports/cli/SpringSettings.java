package io.progressreports.cli;

import io.progressreports.ReportsApplication;
import io.progressreports.store.EarlyStoreStart;
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
public final class SpringSettings {

    private final List<String> arguments = new ArrayList<>();
    private final Map<String, Object> fallbacks = new HashMap<>(
            Map.of("spring.config.location", SettingsFiles.locations()));

    public SpringSettings put(String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
        return this;
    }

    /** A value below every other source of settings: used only when no flag, variable or file sets it. */
    public SpringSettings fallback(String property, Object value) {
        if (value != null) {
            fallbacks.put(property, value);
        }
        return this;
    }

    public SpringSettings copy() {
        var copy = new SpringSettings();
        copy.arguments.addAll(arguments);
        copy.fallbacks.putAll(fallbacks);
        return copy;
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
                .initializers(new EarlyStoreStart())
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties("logging.register-shutdown-hook=false")
                .properties(fallbacks)
                .run(arguments.toArray(String[]::new));
    }
}
