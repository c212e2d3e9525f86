package io.progressreports.transfer;

/**
 * The exact figures of a set of transfers, a day's or one cell's: count, sums and the per-transfer speed's extremes.
 * Sums are long, never double, which rounds past 2^53 (design.md); past 2^63 addExact fails rather than wraps.
 */
final class TransferSums {

    private long transfers;
    private long items;
    private long micros;
    /** Infinite while there are no transfers, so that any transfer's speed is below it. */
    private double minSpeed = Double.POSITIVE_INFINITY;
    private double maxSpeed;

    TransferSums() {
    }

    TransferSums(long transfers, long items, long micros, double minSpeed, double maxSpeed) {
        this.transfers = transfers;
        this.items = items;
        this.micros = micros;
        this.minSpeed = minSpeed;
        this.maxSpeed = maxSpeed;
    }

    void add(TimingRecord.Transfer transfer) {
        transfers++;
        items = Math.addExact(items, transfer.items());
        micros = Math.addExact(micros, transfer.micros());
        minSpeed = Math.min(minSpeed, transfer.itemsPerSecond());
        maxSpeed = Math.max(maxSpeed, transfer.itemsPerSecond());
    }

    void merge(TransferSums other) {
        transfers += other.transfers;
        items = Math.addExact(items, other.items);
        micros = Math.addExact(micros, other.micros);
        minSpeed = Math.min(minSpeed, other.minSpeed);
        maxSpeed = Math.max(maxSpeed, other.maxSpeed);
    }

    long transfers() {
        return transfers;
    }

    long items() {
        return items;
    }

    long micros() {
        return micros;
    }

    double minSpeed() {
        return minSpeed;
    }

    double maxSpeed() {
        return maxSpeed;
    }

    /** sum(items) / sum(seconds); NaN without transfers. */
    double itemsPerSecond() {
        return micros == 0 ? Double.NaN : items / (micros / 1e6);
    }
}
