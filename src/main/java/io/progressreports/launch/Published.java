package io.progressreports.launch;

import io.progressreports.alert.Alert;

import java.nio.file.Path;
import java.util.List;

/**
 * A run's published report, and the alert rules it broke (exit 3 when there are any).
 *
 * @param folder the report folder
 */
public record Published(Path folder, List<Alert> alerts) {

    public Published {
        alerts = List.copyOf(alerts);
    }
}
