package org.elasticslurm.lab.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aligns two state sequences: both must reduce to one common sequence by dropping transient segments and
 * merging the neighbours that then repeat. Dynamic programming over pairs of matched positions.
 */
final class StateAlignment {

    /** A matched pair of segments, one from each side. */
    record Pair(StateSegment expected, StateSegment actual) {
    }

    private final List<StateSegment> a;
    private final List<StateSegment> b;
    private final long threshold;
    private final Map<Long, Optional<List<Pair>>> memo = new HashMap<>();

    private StateAlignment(List<StateSegment> a, List<StateSegment> b, long thresholdTenths) {
        this.a = a;
        this.b = b;
        this.threshold = thresholdTenths;
    }

    /** The matched pairs of one valid alignment, or empty when the sequences differ beyond transient states. */
    static Optional<List<Pair>> align(List<StateSegment> expected, List<StateSegment> actual, long thresholdTenths) {
        return new StateAlignment(expected, actual, thresholdTenths).from(0, 0, null);
    }

    /** Aligns a[i..] with b[j..], the last common state being {@code last} (null at the start). */
    private Optional<List<Pair>> from(int i, int j, String last) {
        long key = ((long) i << 32) | j;
        if (last != null && memo.containsKey(key)) {
            return memo.get(key);
        }
        Optional<List<Pair>> result = search(i, j, last);
        if (last != null) {
            memo.put(key, result);
        }
        return result;
    }

    private Optional<List<Pair>> search(int i, int j, String last) {
        if (skippable(a, i, a.size(), last) && skippable(b, j, b.size(), last)) {
            return Optional.of(List.of());
        }
        for (int ni = i; ni < a.size(); ni++) {
            if (!skippable(a, i, ni, last)) {
                break;
            }
            for (int nj = j; nj < b.size(); nj++) {
                if (!skippable(b, j, nj, last)) {
                    break;
                }
                if (a.get(ni).state().equals(b.get(nj).state())) {
                    Optional<List<Pair>> rest = from(ni + 1, nj + 1, a.get(ni).state());
                    if (rest.isPresent()) {
                        List<Pair> pairs = new ArrayList<>();
                        pairs.add(new Pair(a.get(ni), b.get(nj)));
                        pairs.addAll(rest.get());
                        return Optional.of(pairs);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether seq[from..to) can all be dropped: each transient, or a repeat of the last common state. */
    private boolean skippable(List<StateSegment> seq, int from, int to, String last) {
        for (int k = from; k < to; k++) {
            StateSegment s = seq.get(k);
            if (!s.isTransient(threshold) && !s.state().equals(last)) {
                return false;
            }
        }
        return true;
    }
}
