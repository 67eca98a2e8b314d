package org.elasticslurm.fake.job;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Optional;

/**
 * Picks nodes for a job as slurmctld 22.05 orders them: by Weight, lowest first, then by position in
 * slurm.conf; nodes that are powered down come after every powered-up node (their node sets get the weight
 * INFINITE-1 in {@code _build_node_list}), so a job wakes a node only when no powered-up node fits.
 *
 * <p>Works on bitmaps over node indices and costs O(nodes / 64) per weight class and job.
 */
public final class NodeSelector {

    private final long[] weights;
    private final long[] classes;

    /** @param weights each node's configured Weight, by node index */
    public NodeSelector(long[] weights) {
        this.weights = weights.clone();
        this.classes = Arrays.stream(weights).distinct().sorted().toArray();
    }

    /**
     * Chooses nodes.
     *
     * @param usable nodes that can take the job now (available, not completing, a free CPU, in the partition)
     * @param poweredDown nodes that are powered down or powering down
     * @param required nodes the job must get ({@code -w}); empty for none
     * @param count how many nodes in all (at least the number of required nodes)
     * @return the chosen node indices in index order, or empty when the job does not fit now
     */
    public Optional<int[]> select(BitSet usable, BitSet poweredDown, BitSet required, int count) {
        int requiredCount = required.cardinality();
        if (requiredCount > count) {
            throw new IllegalArgumentException("more required nodes (" + requiredCount + ") than nodes (" + count + ")");
        }
        BitSet missing = (BitSet) required.clone();
        missing.andNot(usable);
        if (!missing.isEmpty()) {
            return Optional.empty();
        }
        BitSet chosen = (BitSet) required.clone();
        int needed = count - requiredCount;
        if (needed > 0) {
            needed = take(usable, poweredDown, false, chosen, needed);
        }
        if (needed > 0) {
            needed = take(usable, poweredDown, true, chosen, needed);
        }
        if (needed > 0) {
            return Optional.empty();
        }
        return Optional.of(chosen.stream().toArray());
    }

    private int take(BitSet usable, BitSet poweredDown, boolean wantPoweredDown, BitSet chosen, int needed) {
        for (long weightClass : classes) {
            for (int i = usable.nextSetBit(0); i >= 0 && needed > 0; i = usable.nextSetBit(i + 1)) {
                if (weights[i] != weightClass || poweredDown.get(i) != wantPoweredDown || chosen.get(i)) {
                    continue;
                }
                chosen.set(i);
                needed--;
            }
            if (needed == 0) {
                break;
            }
        }
        return needed;
    }
}
