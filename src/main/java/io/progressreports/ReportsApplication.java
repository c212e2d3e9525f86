package io.progressreports;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring side: data sources, the store, and the jobs. Started by the CLI only for commands that need it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportsApplication {
}
