package io.progressreports.transfer;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A day's (or, merged, a period's) transfers by size bucket ({@link SizeBuckets}) and hour of day of their start
 * in the report zone: the two-dimensional cells (size x hour), stored as they are so that later figures can combine
 * the two, and beside them their sums over either dimension, which the reports read. Only cells with transfers
 * exist, except that every hour has one. Mergeable.
 * <p>
 * The sums are stored too, although the cells determine them, and stored cells are decoded only when asked for:
 * a report of a year merges each day's 20-odd sums instead of its 100-odd cells, and marginalises nothing. Measured
 * on a year of days, the cells alone made rendering a nightly report two to three times as long.
 */
public final class TransferCells {

    public static final int HOURS = 24;

    /** Cells by size bucket * 24 + hour, without those of {@link #undecoded}. */
    private final TreeMap<Integer, TransferCell> cells = new TreeMap<>();
    /** Stored cells, each part as {@link #encode} wrote it, merged in when first needed. */
    private final List<ByteBuffer> undecoded = new ArrayList<>();
    private final TreeMap<Integer, TransferCell> sizes = new TreeMap<>();
    private final TransferCell[] hours = new TransferCell[HOURS];

    public TransferCells() {
        for (int hour = 0; hour < HOURS; hour++) {
            hours[hour] = new TransferCell();
        }
    }

    void add(TimingRecord.Transfer transfer) {
        int size = SizeBuckets.of(transfer.items());
        decoded().computeIfAbsent(size * HOURS + transfer.hour(), key -> new TransferCell()).add(transfer);
        sizes.computeIfAbsent(size, key -> new TransferCell()).add(transfer);
        hours[transfer.hour()].add(transfer);
    }

    void merge(TransferCells other) {
        other.cells.forEach((key, cell) -> decoded().computeIfAbsent(key, k -> new TransferCell()).merge(cell));
        undecoded.addAll(other.undecoded);
        other.sizes.forEach((size, cell) -> sizes.computeIfAbsent(size, k -> new TransferCell()).merge(cell));
        for (int hour = 0; hour < HOURS; hour++) {
            hours[hour].merge(other.hours[hour]);
        }
    }

    /** The size buckets that have transfers, each over every hour. */
    public SortedMap<Integer, TransferCell> bySize() {
        return Collections.unmodifiableSortedMap(sizes);
    }

    /** The cells by size bucket * 24 + hour, decoded: only those with transfers. */
    public SortedMap<Integer, TransferCell> bySizeAndHour() {
        return Collections.unmodifiableSortedMap(decoded());
    }

    /** Every hour of the day 0-23, each over every size; hours without transfers are empty cells. */
    public List<TransferCell> byHour() {
        return List.of(hours);
    }

    /** The cells, with the stored ones not yet decoded merged in. */
    private TreeMap<Integer, TransferCell> decoded() {
        for (ByteBuffer part : undecoded) {
            ByteBuffer in = part.duplicate();
            int n = in.getInt();
            for (int i = 0; i < n; i++) {
                cells.computeIfAbsent(in.getInt(), k -> new TransferCell()).merge(TransferCell.readFrom(in));
            }
        }
        undecoded.clear();
        return cells;
    }

    /**
     * Compressed: the cells (their length in bytes, their number, then each one's key and figures), then the
     * sums by size (their number, each one's bucket and figures), then the 24 hours' figures.
     */
    public byte[] encode() {
        var bytes = new ByteArrayOutputStream();
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try (var out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater)))) {
            byte[] twoDimensional = encoded(decoded());
            out.writeInt(twoDimensional.length);
            out.write(twoDimensional);
            out.write(encoded(sizes));
            for (TransferCell hour : hours) {
                hour.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    private static byte[] encoded(Map<Integer, TransferCell> cells) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeInt(cells.size());
        for (Map.Entry<Integer, TransferCell> cell : cells.entrySet()) {
            out.writeInt(cell.getKey());
            cell.getValue().writeTo(out);
        }
        out.flush();
        return bytes.toByteArray();
    }

    public static TransferCells decode(byte[] blob) {
        // Inflated whole, then read from a buffer: a stream's reads of a few bytes each cost more than the rest.
        ByteBuffer in = inflated(blob);
        var decoded = new TransferCells();
        int length = in.getInt();
        decoded.undecoded.add(in.slice(in.position(), length).asReadOnlyBuffer());
        in.position(in.position() + length);
        int sizes = in.getInt();
        for (int i = 0; i < sizes; i++) {
            decoded.sizes.put(in.getInt(), TransferCell.readFrom(in));
        }
        Arrays.setAll(decoded.hours, hour -> TransferCell.readFrom(in));
        return decoded;
    }

    private static ByteBuffer inflated(byte[] blob) {
        try (var inflater = new InflaterInputStream(new ByteArrayInputStream(blob))) {
            return ByteBuffer.wrap(inflater.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("corrupt transfer cells in the store", e);
        }
    }
}
