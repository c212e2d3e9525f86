package io.progressreports.transfer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Fits kept from one run to the next: most of a nightly report's fits (each backtest refit, each period's lines)
 * are over days that have not changed since the last run, and were most of its time. A fit is found by a digest of
 * what it is fitted to: what was fitted, and each day of its window with the digest of that day's points
 * ({@link EtaPoints#digest()}). A recomputed day whose points changed gives its windows new digests, so their fits
 * are made again; one that came out the same finds them. Lines are kept to the bit, so a report is the same whether
 * its fits were found or made.
 */
public final class EtaFitCache {

    /** Raise when a fit would come out otherwise for the same points (EtaFit, EtaModel, the backtest's rule). */
    private static final String VERSION = "eta-fit 1";

    /** Where fits are kept: the store's {@code eta_fit} table. */
    public interface Store {

        /** The value kept under the digest, or null. */
        byte[] find(byte[] digest);

        void save(byte[] digest, byte[] value);
    }

    /** Lines (each may be null) and a figure fitted with them (the backtest's naive speed), NaN for none. */
    public record Fit(EtaFit.Line[] lines, double figure) {
    }

    private final Store store;

    public EtaFitCache(Store store) {
        this.store = store;
    }

    /** The fit kept under the digest, else made now and kept. */
    public Fit fit(byte[] digest, Supplier<Fit> make) {
        byte[] kept = store.find(digest);
        if (kept != null) {
            return decode(kept);
        }
        Fit made = make.get();
        store.save(digest, encode(made));
        return made;
    }

    /** The digest of a fit of {@code what} to the days (each day's date and points, in order). */
    public static byte[] digest(String what, SortedMap<LocalDate, byte[]> days) {
        MessageDigest sha = sha256();
        sha.update((VERSION + "\n" + what + "\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<LocalDate, byte[]> day : days.entrySet()) {
            sha.update((day.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(day.getValue());
        }
        return sha.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static byte[] encode(Fit fit) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeDouble(fit.figure());
            out.writeInt(fit.lines().length);
            for (EtaFit.Line line : fit.lines()) {
                out.writeBoolean(line != null);
                if (line != null) {
                    out.writeDouble(line.tau());
                    out.writeLong(line.transfers());
                    out.writeDouble(line.overheadSeconds());
                    out.writeDouble(line.secondsPerItem());
                    out.writeDouble(line.residualP10Seconds());
                    out.writeDouble(line.residualP90Seconds());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Fit decode(byte[] value) {
        try (var in = new DataInputStream(new ByteArrayInputStream(value))) {
            double figure = in.readDouble();
            var lines = new EtaFit.Line[in.readInt()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = in.readBoolean() ? new EtaFit.Line(in.readDouble(), in.readLong(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble()) : null;
            }
            return new Fit(lines, figure);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt ETA fit in the store", e);
        }
    }
}
