package io.progressreports.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The charts' PNGs are the bytes ImageIO's writer gives, so checksums in manifests stay as they were. */
class PngEncoderTest {

    @Test
    void aChartIsEncodedByteForByteAsImageIoDoes() throws IOException {
        var series = new XYSeries("share");
        for (int i = 0; i < 200; i++) {
            series.add(i, Math.sin(i / 10.0));
        }
        var plot = new XYPlot(new XYSeriesCollection(series), ChartFiles.countAxis("day"), new NumberAxis("share"),
                new XYLineAndShapeRenderer(true, false));
        JFreeChart chart = ChartFiles.chart("A title · with text", "a subtitle", plot);
        ChartFiles.applyTheme(chart);
        BufferedImage image = chart.createBufferedImage(1200, 700, BufferedImage.TYPE_INT_RGB, null);

        byte[] encoded = encode(image);
        assertThat(encoded).isEqualTo(imageIo(image));
        assertThat(encoded.length).as("more than one IDAT chunk").isGreaterThan(32_768);
    }

    @Test
    void noiseOneRowAndOnePixelAsImageIoDoes() throws IOException {
        var random = new Random(17);
        for (int[] size : new int[][] {{1, 1}, {333, 1}, {1, 77}, {640, 480}}) {
            var image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    image.setRGB(x, y, random.nextInt());
                }
            }
            assertThat(encode(image)).as("%dx%d", size[0], size[1]).isEqualTo(imageIo(image));
        }
    }

    @Test
    void anImageWithAlphaOrASharedRasterIsRefused() {
        assertThatThrownBy(() -> encode(new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB).getSubimage(2, 2, 4, 4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        PngEncoder.write(image, out);
        return out.toByteArray();
    }

    private static byte[] imageIo(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", out)).isTrue();
        return out.toByteArray();
    }
}
