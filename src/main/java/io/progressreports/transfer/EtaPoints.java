package io.progressreports.transfer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The inputs of the ETA fits ({@link EtaFit}) in bounded size: transfers counted by hour of start (report zone),
 * items and duration, both in log-spaced buckets 1% wide, so a value is known within 0.5%. Sparse: a day holds as
 * many entries as it has distinct (hour, items, duration) buckets, at most its transfers, and a merge of days adds
 * counts.
 */
public final class EtaPoints {

    /** The relative width of a bucket. */
    static final double WIDTH = 0.01;
    private static final double LOG_BASE = StrictMath.log1p(WIDTH);
    private static final int HOUR_SHIFT = 40;
    private static final int ITEMS_SHIFT = 20;
    private static final long BUCKET_MASK = (1L << ITEMS_SHIFT) - 1;
    /**
     * Every bucket's middle, from bucket 0 to that of the largest long: a report turns each window's points into
     * values over and over (a backtest refit converts some 40,000), and the exponential was most of the time.
     */
    private static final double[] MIDDLES = new double[2 + (int) (StrictMath.log(Long.MAX_VALUE) / LOG_BASE)];

    static {
        for (int bucket = 0; bucket < MIDDLES.length; bucket++) {
            MIDDLES[bucket] = StrictMath.exp((bucket + 0.5) * LOG_BASE);
        }
    }

    /** Counts by key: hour, items bucket and duration bucket in bits 40+, 20-39 and 0-19. */
    private final TreeMap<Long, Long> counts = new TreeMap<>();

    /** One transfer's weighted point: its items and seconds (each its bucket's middle) and how many transfers. */
    public record Point(int hour, double items, double seconds, long count) {
    }

    void add(TimingRecord.Transfer transfer) {
        counts.merge(key(transfer.hour(), transfer.items(), transfer.micros()), 1L, Long::sum);
    }

    static long key(int hour, long items, long micros) {
        long itemsBucket = items == 0 ? 0 : 1 + (long) Math.floor(StrictMath.log(items) / LOG_BASE);
        long secondsBucket = (long) Math.floor(StrictMath.log(Math.max(1, micros)) / LOG_BASE);
        return ((long) hour << HOUR_SHIFT) | (itemsBucket << ITEMS_SHIFT) | secondsBucket;
    }

    public void merge(EtaPoints other) {
        other.counts.forEach((key, count) -> counts.merge(key, count, Long::sum));
    }

    public EtaPoints copy() {
        var copy = new EtaPoints();
        copy.counts.putAll(counts);
        return copy;
    }

    /** The transfers counted. */
    public long transfers() {
        long transfers = 0;
        for (long count : counts.values()) {
            transfers += count;
        }
        return transfers;
    }

    /** A SHA-256 digest of the counts: equal points, equal digests ({@link EtaFitCache}). */
    public byte[] digest() {
        MessageDigest sha = EtaFitCache.sha256();
        var entry = ByteBuffer.allocate(2 * Long.BYTES);
        for (Map.Entry<Long, Long> count : counts.entrySet()) {
            sha.update(entry.clear().putLong(count.getKey()).putLong(count.getValue()).flip());
        }
        return sha.digest();
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The points of one hour of the day, in key order. */
    public Point[] hour(int hour) {
        return points(counts.subMap((long) hour << HOUR_SHIFT, (long) (hour + 1) << HOUR_SHIFT));
    }

    /** Every hour's points, in key order. */
    public Point[] all() {
        return points(counts);
    }

    private static Point[] points(SortedMap<Long, Long> counts) {
        var points = new Point[counts.size()];
        int i = 0;
        for (Map.Entry<Long, Long> entry : counts.entrySet()) {
            long key = entry.getKey();
            long itemsBucket = (key >>> ITEMS_SHIFT) & BUCKET_MASK;
            double items = itemsBucket == 0 ? 0 : middle(itemsBucket - 1);
            points[i++] = new Point((int) (key >>> HOUR_SHIFT), items, middle(key & BUCKET_MASK) / 1e6,
                    entry.getValue());
        }
        return points;
    }

    /** The geometric middle of a bucket: within half a bucket's width of every value in it. */
    private static double middle(long bucket) {
        return MIDDLES[(int) bucket];
    }

    /** Compressed: the number of entries, then each one's key (less the previous one's) and count, as varints. */
    public byte[] encode() {
        var bytes = new ByteArrayOutputStream();
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try (var out = new DeflaterOutputStream(bytes, deflater)) {
            var raw = new ByteArrayOutputStream();
            writeVarint(raw, counts.size());
            long previous = 0;
            for (Map.Entry<Long, Long> entry : counts.entrySet()) {
                writeVarint(raw, entry.getKey() - previous);
                writeVarint(raw, entry.getValue());
                previous = entry.getKey();
            }
            raw.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    public static EtaPoints decode(byte[] blob) {
        ByteBuffer in;
        try (var inflater = new InflaterInputStream(new ByteArrayInputStream(blob))) {
            in = ByteBuffer.wrap(inflater.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("corrupt ETA points in the store", e);
        }
        var points = new EtaPoints();
        long n = readVarint(in);
        long key = 0;
        for (long i = 0; i < n; i++) {
            key += readVarint(in);
            points.counts.put(key, readVarint(in));
        }
        return points;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EtaPoints other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }
}
