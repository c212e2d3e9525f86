package io.progressreports.transfer;

import io.progressreports.day.DayFolding;

import java.time.LocalDate;

/** Step records fold into the aggregate of their day. */
final class TransferFolding implements DayFolding<TimingRecord, TransferDay> {

    @Override
    public LocalDate day(TimingRecord record) {
        return record.day();
    }

    @Override
    public TransferDay empty() {
        return new TransferDay();
    }

    @Override
    public void add(TransferDay aggregate, TimingRecord record) {
        aggregate.add(record);
    }
}
