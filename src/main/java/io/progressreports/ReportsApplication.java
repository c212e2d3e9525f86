package io.progressreports;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring side: data sources, the store, and the jobs. Started by the CLI only for commands that need it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReportsApplication {

    /**
     * For the build's Spring AOT step (spring-boot-maven-plugin process-aot), which starts the application through a
     * main method to generate its bean definitions; users start {@link ProgressReports}.
     */
    public static void main(String[] args) {
        SpringApplication.run(ReportsApplication.class, args);
    }
}
