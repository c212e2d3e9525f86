package io.progressreports.transfer;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import io.progressreports.report.ChartFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the same step gets the same colour on two different databases. Two sources whose step names differ
 * (a step the demo does not know, beside different neighbours), each run by the transfer job: step_duration.svg's
 * legend draws the shared step in one colour on both, whatever the other steps are and in whatever order.
 */
class StepColoursAcrossDatabasesTest {

    @TempDir
    Path dir;

    @Test
    void aStepHasTheSameColourOnTwoDatabasesWithOtherSteps() throws IOException {
        String first = TestDatabase.newSourceUrl(200, 20, 45);
        TestDatabase.jdbc(first).update("update deployment_steps set step = 'publish_assets' where step = 'preparing'");
        String second = TestDatabase.newSourceUrl(200, 20, 45);
        TestDatabase.jdbc(second).update("update deployment_steps set step = case step when 'finishing' then"
                + " 'publish_assets' when 'building' then 'compile_assets' else step end");

        String one = legendColour(stepDurationSvg(first, "first"), "publish_assets");
        String other = legendColour(stepDurationSvg(second, "second"), "publish_assets");

        Color expected = ChartFiles.stepColor("publish_assets");
        assertThat(one).isEqualTo(other)
                .isEqualTo("rgb(" + expected.getRed() + "," + expected.getGreen() + "," + expected.getBlue() + ")");
    }

    private String stepDurationSvg(String source, String name) throws IOException {
        Path out = dir.resolve(name);
        CliRun run = CliRun.of(List.of("run", "transfer-speed", "--source-url", source, "--store-url",
                TestDatabase.newStoreUrl(), "--out", out.toString(), "--from", "2026-09-17", "--to", "2026-10-31",
                "--as-of", "2026-11-01T00:00:00Z"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readString(out.resolve("transfer-speed/latest/step_duration.svg"));
    }

    /** The stroke of the legend's line drawn right before the step's name. */
    private static String legendColour(String svg, String step) {
        Matcher legend = Pattern.compile("stroke:(rgb\\(\\d+,\\d+,\\d+\\))[^>]*>\\s*<path[^>]*/>\\s*</g>\\s*<g>\\s*"
                + "<text[^>]*>" + Pattern.quote(step) + "</text>").matcher(svg);
        assertThat(legend.find()).as("a legend entry for %s", step).isTrue();
        return legend.group(1);
    }
}
