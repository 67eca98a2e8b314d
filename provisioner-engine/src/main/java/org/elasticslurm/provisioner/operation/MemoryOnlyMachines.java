package org.elasticslurm.provisioner.operation;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a start of a service whose backend keeps its machines in memory only (the sim backend) says about the
 * machines of the previous run: they are gone, whatever the operation log recorded.
 */
public final class MemoryOnlyMachines {
    private MemoryOnlyMachines() {
    }

    /**
     * The warning for the log.
     *
     * @param backendKind the backend's name
     * @param lastByNode the last logged operation per node
     */
    public static String forgotten(String backendKind, Map<String, LoggedOperation> lastByNode) {
        List<String> had = lastByNode.values().stream()
                .filter(o -> o.phase() != Phase.POWERED_DOWN && o.phase() != Phase.FAILED)
                .map(LoggedOperation::node).collect(java.util.stream.Collectors.toCollection(TreeSet::new))
                .stream().toList();
        String base = backendKind + " backend: its machines live in this process only and a restart forgets them";
        if (had.isEmpty()) {
            return base + "; the operation log names no machine of an earlier run";
        }
        return base + "; forgotten now: the machines of " + had.size() + " nodes of the previous run ("
                + String.join(", ", had) + "), shown POWERED_DOWN here (an interrupted resume starts a new one):"
                + " sim-slurmd stops their slurmd, and Slurm powers them down after SuspendTime or sets them DOWN"
                + " when their slurmd stops answering";
    }
}
