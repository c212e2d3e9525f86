package io.progressreports.transfer;

import io.progressreports.report.CompactHistogram;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Transfers of one cell of a breakdown (a size bucket, an hour of day, or both) over a day or period: exact count,
 * sums and extremes, durations and speeds in {@link CompactHistogram}s. Mergeable.
 */
public final class TransferCell {

    private final TransferSums sums;
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros;
    private final CompactHistogram durations;
    private final CompactHistogram speeds;

    public TransferCell() {
        this(new TransferSums(), new CompactHistogram(), new CompactHistogram());
    }

    private TransferCell(TransferSums sums, CompactHistogram durations, CompactHistogram speeds) {
        this.sums = sums;
        this.durations = durations;
        this.speeds = speeds;
    }

    void add(TimingRecord.Transfer transfer) {
        sums.add(transfer);
        minMicros = Math.min(minMicros, transfer.micros());
        maxMicros = Math.max(maxMicros, transfer.micros());
        durations.record(transfer.micros());
        speeds.record(transfer.itemsPerSecond());
    }

    void merge(TransferCell other) {
        sums.merge(other.sums);
        minMicros = Math.min(minMicros, other.minMicros);
        maxMicros = Math.max(maxMicros, other.maxMicros);
        durations.add(other.durations);
        speeds.add(other.speeds);
    }

    public long transfers() {
        return sums.transfers();
    }

    public long items() {
        return sums.items();
    }

    public long micros() {
        return sums.micros();
    }

    public long maxMicros() {
        return maxMicros;
    }

    public double maxSpeed() {
        return sums.maxSpeed();
    }

    /** sum(items) / sum(seconds); NaN without transfers. */
    public double itemsPerSecond() {
        return sums.itemsPerSecond();
    }

    /** Durations in seconds at fractions ps, within the exact extremes; NaN without transfers. */
    public double[] seconds(double... ps) {
        double[] values = durations.nearestRanksWithin(minMicros, maxMicros, ps);
        for (int i = 0; i < values.length; i++) {
            values[i] /= 1e6;
        }
        return values;
    }

    /** Per-transfer speeds at fractions ps, within the exact extremes; NaN without transfers. */
    public double[] speeds(double... ps) {
        return speeds.nearestRanksWithin(sums.minSpeed(), sums.maxSpeed(), ps);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(sums.transfers());
        out.writeLong(sums.items());
        out.writeLong(sums.micros());
        out.writeLong(minMicros);
        out.writeLong(maxMicros);
        out.writeDouble(sums.minSpeed());
        out.writeDouble(sums.maxSpeed());
        durations.writeTo(out);
        speeds.writeTo(out);
    }

    static TransferCell readFrom(ByteBuffer in) {
        long transfers = in.getLong();
        long items = in.getLong();
        long micros = in.getLong();
        long minMicros = in.getLong();
        long maxMicros = in.getLong();
        double minSpeed = in.getDouble();
        double maxSpeed = in.getDouble();
        var cell = new TransferCell(new TransferSums(transfers, items, micros, minSpeed, maxSpeed),
                CompactHistogram.readFrom(in), CompactHistogram.readFrom(in));
        cell.minMicros = minMicros;
        cell.maxMicros = maxMicros;
        return cell;
    }
}
