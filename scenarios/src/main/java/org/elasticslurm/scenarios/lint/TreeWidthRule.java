package org.elasticslurm.scenarios.lint;

import java.util.List;
import org.elasticslurm.conf.SlurmVersion;

/**
 * TreeWidth against the node count with CLOUD nodes. slurmd fans messages out through other nodes, which do not
 * know the addresses slurmctld learns for cloud nodes. Slurm 22.05's slurm.conf(5) asks then for a TreeWidth at
 * least the node count, or {@code SlurmctldParameters=cloud_dns} when the node names resolve in DNS: a warning.
 * The slurm.conf(5) of 24.11 and 26.05 no longer asks for it, and their default TreeWidth fell from 50 to 16:
 * only a note there. With {@code cloud_dns} there is nothing to say.
 */
public final class TreeWidthRule implements LintRule {
    /** The rule's id. */
    public static final String ID = "tree-width";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext c) {
        int nodes = c.conf().nodes().size();
        int width = c.conf().powerSave().treeWidth();
        if (c.cloudNodes().isEmpty() || width >= nodes || c.conf().powerSave().slurmctldParameters().cloudDns()) {
            return List.of();
        }
        String setting = c.conf().parameterLocation("TreeWidth").isPresent() ? "TreeWidth=" + width
                : "TreeWidth (not set: Slurm " + c.version() + "'s default, " + width + ")";
        if (c.version() == SlurmVersion.V22_05) {
            return List.of(c.atKey(id(), Severity.WARNING, "TreeWidth", setting + " is below the " + nodes
                    + " nodes: messages are forwarded through slurmd on other nodes, which cannot reach CLOUD nodes "
                    + "whose addresses only slurmctld learns; set TreeWidth=" + nodes + " (or more), or "
                    + "SlurmctldParameters=cloud_dns if the node names resolve in DNS"));
        }
        return List.of(c.atKey(id(), Severity.INFO, "TreeWidth", setting + " is below the " + nodes + " nodes: "
                + "messages are forwarded through slurmd on other nodes; Slurm " + c.version() + "'s slurm.conf(5) "
                + "no longer asks for TreeWidth >= the node count with CLOUD nodes (22.05's did), but if slurmd "
                + "cannot reach the addresses slurmctld learns for CLOUD nodes, set TreeWidth=" + nodes
                + " (or more), or SlurmctldParameters=cloud_dns if the node names resolve in DNS"));
    }
}
