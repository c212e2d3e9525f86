package io.progressreports.report;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the charts' PNGs back, for tests that look at what a person would see. */
public final class ChartImages {

    private ChartImages() {
    }

    public static BufferedImage read(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s decodes as an image", png.getFileName()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        return image;
    }

    /** The x of every column where a 3x3 block of exactly this colour is centred. */
    public static List<Integer> markers(BufferedImage image, Color color) {
        List<Integer> columns = new ArrayList<>();
        for (int x = 1; x < image.getWidth() - 1; x++) {
            for (int y = 1; y < image.getHeight() - 1; y++) {
                if (block(image, x, y, color.getRGB())) {
                    columns.add(x);
                    break;
                }
            }
        }
        return columns;
    }

    public static boolean block(BufferedImage image, int x, int y, int rgb) {
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                if (image.getRGB(x + dx, y + dy) != rgb) {
                    return false;
                }
            }
        }
        return true;
    }
}
