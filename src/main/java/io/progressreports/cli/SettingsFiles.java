package io.progressreports.cli;

import org.springframework.boot.system.ApplicationHome;

import java.nio.file.Path;

/**
 * Where application.yml (or .yaml or .properties) is looked for, each later place overriding the earlier ones:
 * the defaults packaged in the jar, the install folder (the jar's), the working directory, its config folder.
 * Spring Boot by default knows only the last two, but cron starts the job from a home directory, not from where it
 * is installed. Environment variables and flags are above all of these.
 */
public final class SettingsFiles {

    /**
     * Overrides the install folder: for tests, which run from classes rather than a jar, and for the launcher,
     * which runs an extracted copy of the jar (target/app) but installs in target/ as before.
     */
    static final String INSTALL_FOLDER_PROPERTY = "progress-reports.home";

    private SettingsFiles() {
    }

    static String locations() {
        return String.join(",", "optional:classpath:/", "optional:classpath:/config/",
                "optional:file:" + installFolder() + "/", "optional:file:./", "optional:file:./config/",
                "optional:file:./config/*/");
    }

    /** Where application.yml and jobs/ are looked for after the working directory: the jar's folder. */
    public static Path installFolder() {
        String given = System.getProperty(INSTALL_FOLDER_PROPERTY);
        return given != null ? Path.of(given).toAbsolutePath()
                : new ApplicationHome(ProgressReports.class).getDir().toPath();
    }
}
