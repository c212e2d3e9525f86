package io.progressreports.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The PNG file of an opaque {@link BufferedImage#TYPE_INT_RGB} image, byte for byte as the JDK's ImageIO PNG writer
 * makes it with its default parameters: IHDR (8-bit RGB, not interlaced), the rows unfiltered (filter type 0, which
 * that writer uses for every image that is not a palette), compressed at deflate level 4 and cut into IDAT chunks of
 * 32 KiB, then IEND; no time, text or physical-size chunks.
 *
 * <p>Why not ImageIO itself: its writer copies every row into a new raster and unpacks it sample by sample through
 * the generic sample model, which in a fresh JVM (a nightly run renders its charts once, mostly interpreted) costs
 * more than the compression: about a third of a report's chart time. Here the row bytes come straight from the
 * image's pixel array. {@code PngEncoderTest} checks the bytes against ImageIO's, so the charts' checksums in the
 * manifests do not change.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int DEFLATE_LEVEL = 4;
    private static final int IDAT_LENGTH = 32_768;
    private static final int BIT_DEPTH = 8;
    private static final int COLOUR_TYPE_RGB = 2;

    private PngEncoder() {
    }

    /** @param image of {@link BufferedImage#TYPE_INT_RGB}, as {@code new BufferedImage} makes it */
    static void write(BufferedImage image, OutputStream out) throws IOException {
        if (image.getType() != BufferedImage.TYPE_INT_RGB
                || !(image.getSampleModel() instanceof SinglePixelPackedSampleModel model)
                || model.getScanlineStride() != image.getWidth()
                || image.getRaster().getDataBuffer().getOffset() != 0) {
            throw new IllegalArgumentException("not a plain TYPE_INT_RGB image");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        out.write(SIGNATURE);
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) BIT_DEPTH).put((byte) COLOUR_TYPE_RGB).put((byte) 0).put((byte) 0).put((byte) 0).array(),
                0, 13);
        var compressed = new ByteArrayOutputStream(width * height / 4);
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        try (var deflating = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + 3 * width];
            for (int y = 0, at = 0; y < height; y++) {
                for (int x = 0, i = 1; x < width; x++, i += 3) {
                    int rgb = pixels[at++];
                    row[i] = (byte) (rgb >> 16);
                    row[i + 1] = (byte) (rgb >> 8);
                    row[i + 2] = (byte) rgb;
                }
                deflating.write(row);
            }
        } finally {
            deflater.end();
        }
        byte[] data = compressed.toByteArray();
        for (int from = 0; from < data.length; from += IDAT_LENGTH) {
            chunk(out, "IDAT", data, from, Math.min(IDAT_LENGTH, data.length - from));
        }
        chunk(out, "IEND", data, 0, 0);
    }

    private static void chunk(OutputStream out, String type, byte[] data, int from, int length) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        var crc = new CRC32();
        crc.update(name);
        crc.update(data, from, length);
        out.write(ByteBuffer.allocate(8).putInt(length).put(name).array());
        out.write(data, from, length);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
