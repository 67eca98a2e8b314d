package org.elasticslurm.scenarios.lint;

import java.util.List;

/**
 * TreeWidth must be at least the node count with CLOUD nodes: slurmd fans messages out through other nodes,
 * which do not know the addresses slurmctld learns for cloud nodes (Slurm's cloud guidance).
 */
public final class TreeWidthRule implements LintRule {
    @Override
    public String id() {
        return "tree-width";
    }

    @Override
    public List<Finding> check(LintContext c) {
        int nodes = c.conf().nodes().size();
        int width = c.conf().powerSave().treeWidth();
        if (c.cloudNodes().isEmpty() || width >= nodes) {
            return List.of();
        }
        return List.of(c.atKey(id(), Severity.WARNING, "TreeWidth", "TreeWidth=" + width + " is below the " + nodes
                + " nodes: messages are forwarded through slurmd on other nodes, which cannot reach CLOUD nodes "
                + "whose addresses only slurmctld learns; set TreeWidth=" + nodes + " (or more)"));
    }
}
