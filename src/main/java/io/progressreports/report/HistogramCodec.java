package io.progressreports.report;

import org.HdrHistogram.DoubleHistogram;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

/** Several histograms in one compressed blob: a count, then each one length-prefixed. */
public final class HistogramCodec {

    private HistogramCodec() {
    }

    public static byte[] encode(DoubleHistogram[] histograms) {
        var encoded = new ByteBuffer[histograms.length];
        int size = Integer.BYTES;
        for (int i = 0; i < histograms.length; i++) {
            var buffer = ByteBuffer.allocate(histograms[i].getNeededByteBufferCapacity());
            histograms[i].encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_SPEED);
            buffer.flip();
            encoded[i] = buffer;
            size += Integer.BYTES + buffer.remaining();
        }
        var out = ByteBuffer.allocate(size).putInt(histograms.length);
        for (ByteBuffer buffer : encoded) {
            out.putInt(buffer.remaining()).put(buffer);
        }
        return out.array();
    }

    public static DoubleHistogram[] decode(byte[] blob) {
        var in = ByteBuffer.wrap(blob);
        var histograms = new DoubleHistogram[in.getInt()];
        for (int i = 0; i < histograms.length; i++) {
            int length = in.getInt();
            // HdrHistogram reads the backing array from offset 0, so each histogram gets a buffer of its own.
            byte[] encoded = new byte[length];
            in.get(encoded);
            try {
                histograms[i] = DoubleHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 2);
            } catch (DataFormatException e) {
                throw new IllegalStateException("corrupt histogram in the store", e);
            }
        }
        return histograms;
    }
}
