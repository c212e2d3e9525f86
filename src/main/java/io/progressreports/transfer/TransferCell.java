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

    private long transfers;
    private long items;
    private long micros;
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros;
    private double minSpeed = Double.POSITIVE_INFINITY;
    private double maxSpeed;
    private final CompactHistogram durations;
    private final CompactHistogram speeds;

    public TransferCell() {
        this(new CompactHistogram(), new CompactHistogram());
    }

    private TransferCell(CompactHistogram durations, CompactHistogram speeds) {
        this.durations = durations;
        this.speeds = speeds;
    }

    void add(TimingRecord.Transfer transfer) {
        transfers++;
        items = Math.addExact(items, transfer.items());
        micros = Math.addExact(micros, transfer.micros());
        minMicros = Math.min(minMicros, transfer.micros());
        maxMicros = Math.max(maxMicros, transfer.micros());
        minSpeed = Math.min(minSpeed, transfer.itemsPerSecond());
        maxSpeed = Math.max(maxSpeed, transfer.itemsPerSecond());
        durations.record(transfer.micros());
        speeds.record(transfer.itemsPerSecond());
    }

    void merge(TransferCell other) {
        transfers += other.transfers;
        items = Math.addExact(items, other.items);
        micros = Math.addExact(micros, other.micros);
        minMicros = Math.min(minMicros, other.minMicros);
        maxMicros = Math.max(maxMicros, other.maxMicros);
        minSpeed = Math.min(minSpeed, other.minSpeed);
        maxSpeed = Math.max(maxSpeed, other.maxSpeed);
        durations.add(other.durations);
        speeds.add(other.speeds);
    }

    public long transfers() {
        return transfers;
    }

    public long items() {
        return items;
    }

    public long micros() {
        return micros;
    }

    public long maxMicros() {
        return maxMicros;
    }

    public double maxSpeed() {
        return maxSpeed;
    }

    /** sum(items) / sum(seconds); NaN without transfers. */
    public double itemsPerSecond() {
        return micros == 0 ? Double.NaN : items / (micros / 1e6);
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
        return speeds.nearestRanksWithin(minSpeed, maxSpeed, ps);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(transfers);
        out.writeLong(items);
        out.writeLong(micros);
        out.writeLong(minMicros);
        out.writeLong(maxMicros);
        out.writeDouble(minSpeed);
        out.writeDouble(maxSpeed);
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
        var cell = new TransferCell(CompactHistogram.readFrom(in), CompactHistogram.readFrom(in));
        cell.transfers = transfers;
        cell.items = items;
        cell.micros = micros;
        cell.minMicros = minMicros;
        cell.maxMicros = maxMicros;
        cell.minSpeed = minSpeed;
        cell.maxSpeed = maxSpeed;
        return cell;
    }
}
