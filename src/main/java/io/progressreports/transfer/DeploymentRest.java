package io.progressreports.transfer;

import io.progressreports.report.CompactHistogram;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The rest of a deployment after each step kind, over the deployments of a day (or, merged, a period) that ran to
 * their end with every step timed (issue 18 point 3): per step kind, its own durations and the summed durations of
 * the steps after it in the same deployment, each in a {@link CompactHistogram} with its exact extremes, so that a
 * day costs a few hundred bytes per kind whatever its deployments. Also the deployments left out, by reason.
 * Mergeable.
 */
public final class DeploymentRest {

    /** Deployments left out: a step failed, was canceled or is running; or a step ran without a valid timing. */
    public static final String ENDED_OTHERWISE = "ended_otherwise";
    public static final String UNTIMED_STEPS = "untimed_steps";

    /** One step kind's figures. */
    public static final class Kind {
        private long deployments;
        private long steps;
        private final Durations own = new Durations();
        private final Durations rest = new Durations();

        /** Deployments that ran the kind (once or more). */
        public long deployments() {
            return deployments;
        }

        /** Times it ran: more than its deployments when a deployment runs it twice. */
        public long steps() {
            return steps;
        }

        /** The step's own durations. */
        public Durations own() {
            return own;
        }

        /** The summed durations of the steps after it in its deployment (0 for a deployment's last step). */
        public Durations rest() {
            return rest;
        }

        private void merge(Kind other) {
            deployments += other.deployments;
            steps += other.steps;
            own.merge(other.own);
            rest.merge(other.rest);
        }
    }

    /** Durations in seconds, with their exact extremes in microseconds (percentiles are clamped to them). */
    public static final class Durations {
        private final CompactHistogram seconds = new CompactHistogram();
        private long minMicros = Long.MAX_VALUE;
        private long maxMicros;

        private void add(long micros) {
            seconds.record(micros / 1e6);
            minMicros = Math.min(minMicros, micros);
            maxMicros = Math.max(maxMicros, micros);
        }

        private void merge(Durations other) {
            seconds.add(other.seconds);
            minMicros = Math.min(minMicros, other.minMicros);
            maxMicros = Math.max(maxMicros, other.maxMicros);
        }

        /** Nearest-rank percentiles in seconds (within 0.05%), NaN when empty. */
        public double[] percentiles(double... ps) {
            return seconds.nearestRanksWithin(minMicros / 1e6, maxMicros / 1e6, ps);
        }

        private void writeTo(DataOutputStream out) throws IOException {
            out.writeLong(minMicros);
            out.writeLong(maxMicros);
            seconds.writeTo(out);
        }

        private void readFrom(ByteBuffer in) {
            minMicros = in.getLong();
            maxMicros = in.getLong();
            seconds.add(CompactHistogram.readFrom(in));
        }
    }

    private long deployments;
    private final Map<String, Long> leftOut = new TreeMap<>();
    private final Map<String, Kind> kinds = new TreeMap<>();

    void add(TimingRecord.Deployment deployment) {
        deployments++;
        List<String> steps = deployment.steps();
        long[] micros = deployment.micros();
        long rest = 0;
        var seen = new HashSet<String>();
        // From the last step back: each step's rest is the sum of the durations after it.
        for (int i = steps.size() - 1; i >= 0; i--) {
            Kind kind = kinds.computeIfAbsent(steps.get(i), k -> new Kind());
            kind.steps++;
            kind.own.add(micros[i]);
            kind.rest.add(rest);
            rest = Math.addExact(rest, micros[i]);
            if (seen.add(steps.get(i))) {
                kind.deployments++;
            }
        }
    }

    void leaveOut(String reason) {
        leftOut.merge(reason, 1L, Long::sum);
    }

    void merge(DeploymentRest other) {
        deployments += other.deployments;
        other.leftOut.forEach((reason, n) -> leftOut.merge(reason, n, Long::sum));
        other.kinds.forEach((name, kind) -> kinds.computeIfAbsent(name, k -> new Kind()).merge(kind));
    }

    /** Deployments counted. */
    public long deployments() {
        return deployments;
    }

    /** Deployments left out, by reason ({@link #ENDED_OTHERWISE}, {@link #UNTIMED_STEPS}). */
    public Map<String, Long> leftOut() {
        return Collections.unmodifiableMap(leftOut);
    }

    public SortedMap<String, Kind> kinds() {
        return Collections.unmodifiableSortedMap((TreeMap<String, Kind>) kinds);
    }

    /**
     * Compressed (a histogram's buckets are mostly neighbours with small counts, which deflate to a tenth): the
     * deployments counted, the left-out ones by reason, then each kind's counts and durations.
     */
    public byte[] encode() {
        var bytes = new ByteArrayOutputStream();
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try (var out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater)))) {
            out.writeLong(deployments);
            out.writeInt(leftOut.size());
            for (var reason : leftOut.entrySet()) {
                writeText(out, reason.getKey());
                out.writeLong(reason.getValue());
            }
            out.writeInt(kinds.size());
            for (var kind : kinds.entrySet()) {
                writeText(out, kind.getKey());
                out.writeLong(kind.getValue().deployments);
                out.writeLong(kind.getValue().steps);
                kind.getValue().own.writeTo(out);
                kind.getValue().rest.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    public static DeploymentRest decode(byte[] blob) {
        ByteBuffer in;
        try (var inflater = new InflaterInputStream(new ByteArrayInputStream(blob))) {
            in = ByteBuffer.wrap(inflater.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("corrupt deployment figures in the store", e);
        }
        var decoded = new DeploymentRest();
        decoded.deployments = in.getLong();
        int reasons = in.getInt();
        for (int i = 0; i < reasons; i++) {
            decoded.leftOut.put(readText(in), in.getLong());
        }
        int kinds = in.getInt();
        for (int i = 0; i < kinds; i++) {
            var kind = new Kind();
            decoded.kinds.put(readText(in), kind);
            kind.deployments = in.getLong();
            kind.steps = in.getLong();
            kind.own.readFrom(in);
            kind.rest.readFrom(in);
        }
        return decoded;
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(ByteBuffer in) {
        var utf8 = new byte[in.getInt()];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
