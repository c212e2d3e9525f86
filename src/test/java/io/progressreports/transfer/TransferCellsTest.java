package io.progressreports.transfer;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TransferCellsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    private static List<TimingRecord.Transfer> transfers(long seed, int n) {
        var random = new Random(seed);
        var transfers = new ArrayList<TimingRecord.Transfer>();
        for (int i = 0; i < n; i++) {
            long items = i % 50 == 0 ? 0 : (long) Math.exp(random.nextGaussian() * 2 + 6);
            transfers.add(new TimingRecord.Transfer(DAY, items, 1 + (long) (random.nextDouble() * 9e8),
                    random.nextInt(24)));
        }
        return transfers;
    }

    private static TransferCells of(List<TimingRecord.Transfer> transfers) {
        var cells = new TransferCells();
        transfers.forEach(cells::add);
        return cells;
    }

    /** Days merged from the store, their cells still encoded, hold exactly what one day of all the rows holds. */
    @Test
    void storedDaysMergeIntoWhatTheirRowsMakeTogether() {
        List<TimingRecord.Transfer> monday = transfers(1, 700);
        List<TimingRecord.Transfer> tuesday = transfers(2, 300);
        var all = new ArrayList<>(monday);
        all.addAll(tuesday);

        var merged = new TransferCells();
        merged.merge(TransferCells.decode(of(monday).encode()));
        merged.merge(TransferCells.decode(of(tuesday).encode()));

        assertThat(merged.encode()).isEqualTo(of(all).encode());
    }

    /** A stored day that gets a late row decodes its cells and adds the row to them. */
    @Test
    void aStoredDayTakesMoreRows() {
        List<TimingRecord.Transfer> rows = transfers(3, 400);
        TransferCells stored = TransferCells.decode(of(rows.subList(0, 300)).encode());
        rows.subList(300, 400).forEach(stored::add);

        assertThat(stored.encode()).isEqualTo(of(rows).encode());
    }

    @Test
    void theSumsBySizeAndByHourCountEachTransferOnce() {
        List<TimingRecord.Transfer> rows = transfers(4, 1000);
        TransferCells cells = TransferCells.decode(of(rows).encode());

        cells.bySize().forEach((bucket, cell) -> assertThat(cell.transfers()).as("bucket %d", bucket)
                .isEqualTo(rows.stream().filter(t -> SizeBuckets.of(t.items()) == bucket).count()));
        assertThat(cells.bySize().keySet()).containsExactlyElementsOf(
                rows.stream().map(t -> SizeBuckets.of(t.items())).distinct().sorted().toList());
        assertThat(cells.byHour()).hasSize(TransferCells.HOURS);
        for (int hour = 0; hour < TransferCells.HOURS; hour++) {
            int h = hour;
            assertThat(cells.byHour().get(hour).items()).as("hour %d", hour)
                    .isEqualTo(rows.stream().filter(t -> t.hour() == h).mapToLong(TimingRecord.Transfer::items).sum());
        }
    }
}
