package io.progressreports.transfer;

import java.nio.file.Path;
import java.util.List;

// PLACEHOLDER until the transfer charts helper delivers
final class TransferCharts {
    static void writeTransferSpeed(List<SpeedPoint> points, String title, String subtitle, Path png) {
        try { java.nio.file.Files.writeString(png, "x" + points); } catch (Exception e) { throw new RuntimeException(e); }
    }
    static void writeStepDuration(List<DurationPoint> points, String title, String subtitle, Path png) {
        try { java.nio.file.Files.writeString(png, "x" + points); } catch (Exception e) { throw new RuntimeException(e); }
    }
}
