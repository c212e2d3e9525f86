package io.progressreports.transfer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A day's (or, merged, a period's) transfers by size bucket ({@link SizeBuckets}) and hour of day of their start
 * in the report zone: the two-dimensional cells, stored as they are so that later figures can combine the two,
 * and summed over either dimension for the reports. Only cells with transfers exist. Mergeable.
 */
public final class TransferCells {

    public static final int HOURS = 24;

    /** Cells by size bucket * 24 + hour. */
    private final TreeMap<Integer, TransferCell> cells = new TreeMap<>();

    void add(TimingRecord.Transfer transfer) {
        cells.computeIfAbsent(SizeBuckets.of(transfer.items()) * HOURS + transfer.hour(), key -> new TransferCell())
                .add(transfer);
    }

    void merge(TransferCells other) {
        other.cells.forEach((key, cell) -> cells.computeIfAbsent(key, k -> new TransferCell()).merge(cell));
    }

    /** The size buckets that have transfers, each over every hour. */
    public SortedMap<Integer, TransferCell> bySize() {
        var sizes = new TreeMap<Integer, TransferCell>();
        cells.forEach((key, cell) -> sizes.computeIfAbsent(key / HOURS, b -> new TransferCell()).merge(cell));
        return sizes;
    }

    /** Every hour of the day 0-23, each over every size; hours without transfers are empty cells. */
    public TransferCell[] byHour() {
        var hours = new TransferCell[HOURS];
        for (int hour = 0; hour < HOURS; hour++) {
            hours[hour] = new TransferCell();
        }
        cells.forEach((key, cell) -> hours[key % HOURS].merge(cell));
        return hours;
    }

    /** The cells, compressed: their number, then each one's key and figures. */
    public byte[] encode() {
        var bytes = new ByteArrayOutputStream();
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try (var out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater)))) {
            out.writeInt(cells.size());
            for (Map.Entry<Integer, TransferCell> cell : cells.entrySet()) {
                out.writeInt(cell.getKey());
                cell.getValue().writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    public static TransferCells decode(byte[] blob) {
        var decoded = new TransferCells();
        try (var in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(
                new ByteArrayInputStream(blob))))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                decoded.cells.put(in.readInt(), TransferCell.readFrom(in));
            }
        } catch (IOException e) {
            throw new IllegalStateException("corrupt transfer cells in the store", e);
        }
        return decoded;
    }
}
