package io.progressreports.funnel;

import java.util.Arrays;

/**
 * The times of actions recorded after the as-of of the run that read them, per action. Kept as times, not
 * counts, so that a later run reusing the day can count those after its own (later) as-of exactly. Few by
 * nature: actions between as-of and the moment of reading, and future-dated ones.
 */
public final class LateActions {

    private final long[][] times;
    private final int[] sizes;

    public LateActions(int actions) {
        this.times = new long[actions][];
        this.sizes = new int[actions];
        Arrays.fill(times, new long[0]);
    }

    public void add(int action, long at) {
        if (sizes[action] == times[action].length) {
            times[action] = Arrays.copyOf(times[action], Math.max(4, sizes[action] * 2));
        }
        times[action][sizes[action]++] = at;
    }

    public void addAll(LateActions other) {
        for (int action = 0; action < sizes.length; action++) {
            for (int i = 0; i < other.sizes[action]; i++) {
                add(action, other.times[action][i]);
            }
        }
    }

    public long countAfter(int action, long asOf) {
        long count = 0;
        for (int i = 0; i < sizes[action]; i++) {
            if (times[action][i] > asOf) {
                count++;
            }
        }
        return count;
    }

    /** Parallel arrays (action index, time), ordered, for the store. */
    public long[][] flatten() {
        int total = Arrays.stream(sizes).sum();
        long[] actions = new long[total];
        long[] at = new long[total];
        int next = 0;
        for (int action = 0; action < sizes.length; action++) {
            long[] sorted = Arrays.copyOf(times[action], sizes[action]);
            Arrays.sort(sorted);
            for (long time : sorted) {
                actions[next] = action;
                at[next++] = time;
            }
        }
        return new long[][] {actions, at};
    }

    public static LateActions of(int actionCount, long[] actions, long[] at) {
        var late = new LateActions(actionCount);
        for (int i = 0; i < actions.length; i++) {
            late.add((int) actions[i], at[i]);
        }
        return late;
    }
}
