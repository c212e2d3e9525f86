package io.progressreports.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

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
