package io.progressreports.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransferChartsTest {

    @TempDir
    Path dir;

    private static List<SpeedPoint> speeds(double drift) {
        var points = new ArrayList<SpeedPoint>();
        for (int d = 0; d < 30; d++) {
            LocalDate day = LocalDate.of(2026, 10, 1).plusDays(d);
            boolean gap = d == 10;
            points.add(new SpeedPoint(day, day.plusDays(1), gap ? 0 : 700, gap ? 0 : 1_000_000,
                    gap ? Double.NaN : 300 + d * drift, gap ? Double.NaN : 900 + d * drift));
        }
        return points;
    }

    private static List<DurationPoint> durations() {
        var points = new ArrayList<DurationPoint>();
        for (int d = 0; d < 10; d++) {
            LocalDate day = LocalDate.of(2026, 10, 1).plusDays(d);
            points.add(new DurationPoint(day, day.plusDays(1), "building", 500, 90, 240));
            points.add(new DurationPoint(day, day.plusDays(1), "=cmd", 500, 2.5, 6));
        }
        return points;
    }

    private BufferedImage image(Path png) throws Exception {
        return ImageIO.read(png.toFile());
    }

    @Test
    void speedChartIsAPngOfItsSizeAndTheSameDataGivesTheSameBytes() throws Exception {
        Path first = dir.resolve("a.png");
        Path second = dir.resolve("b.png");
        Path other = dir.resolve("c.png");
        TransferCharts.writeTransferSpeed(speeds(1), "File transfer speed", "test", first);
        TransferCharts.writeTransferSpeed(speeds(1), "File transfer speed", "test", second);
        TransferCharts.writeTransferSpeed(speeds(5), "File transfer speed", "test", other);
        assertThat(image(first).getWidth()).isEqualTo(TransferCharts.SPEED_WIDTH);
        assertThat(image(first).getHeight()).isEqualTo(TransferCharts.SPEED_HEIGHT);
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(Files.readAllBytes(first)).isNotEqualTo(Files.readAllBytes(other));
    }

    @Test
    void durationChartIsAPngOfItsSizeAndDeterministic() throws Exception {
        Path first = dir.resolve("a.png");
        Path second = dir.resolve("b.png");
        TransferCharts.writeStepDuration(durations(), "Deployment step durations", "test", first);
        TransferCharts.writeStepDuration(durations(), "Deployment step durations", "test", second);
        assertThat(image(first).getWidth()).isEqualTo(TransferCharts.DURATION_WIDTH);
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void emptyRangesStillGiveCharts() throws Exception {
        TransferCharts.writeTransferSpeed(List.of(), "t", "s", dir.resolve("speed.png"));
        TransferCharts.writeStepDuration(List.of(), "t", "s", dir.resolve("duration.png"));
        assertThat(image(dir.resolve("speed.png"))).isNotNull();
        assertThat(image(dir.resolve("duration.png"))).isNotNull();
    }
}
