package org.elasticslurm.scenarios.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SourceLocation;
import org.elasticslurm.conf.SuspendExclusion;

/**
 * With power saving on, every node that is not excluded is suspended after SuspendTime, static (non-CLOUD)
 * nodes included. SuspendExcNodes without a count, or SuspendExcParts, keep them up; a counted set
 * ({@code nid[1-8]:2}) keeps only that many of them up.
 */
public final class StaticNodesSuspendableRule implements LintRule {
    @Override
    public String id() {
        return "static-nodes-suspendable";
    }

    @Override
    public List<Finding> check(LintContext c) {
        if (!c.powerSaveConfigured()) {
            return List.of();
        }
        var ps = c.conf().powerSave();
        Map<SourceLocation, List<NodeDefinition>> byLine = new LinkedHashMap<>();
        Map<SourceLocation, Boolean> partly = new LinkedHashMap<>();
        for (NodeDefinition n : c.conf().nodes()) {
            if (n.isCloud() || "FUTURE".equals(n.state())) {
                continue;
            }
            if (c.conf().timeoutsFor(n.name()).suspendTime().isInfinite()) {
                continue;
            }
            boolean wholly = ps.suspendExcNodes().stream()
                    .anyMatch(e -> e.count().isEmpty() && e.nodes().contains(n.name()));
            boolean byPartition = c.conf().partitionsOf(n.name()).stream()
                    .anyMatch(p -> ps.suspendExcParts().contains(p.name()));
            if (wholly || byPartition) {
                continue;
            }
            boolean counted = ps.suspendExcNodes().stream().filter(e -> e.count().isPresent())
                    .map(SuspendExclusion::nodes).anyMatch(h -> h.contains(n.name()));
            byLine.computeIfAbsent(n.location(), l -> new ArrayList<>()).add(n);
            partly.merge(n.location(), counted, Boolean::logicalOr);
        }
        List<Finding> out = new ArrayList<>();
        byLine.forEach((line, nodes) -> out.add(c.at(id(), Severity.WARNING, line, "static node(s) "
                + LintContext.hostlist(nodes) + " (not State=CLOUD) are suspended after SuspendTime like cloud "
                + "nodes: SuspendProgram runs for them"
                + (partly.get(line) ? " (a counted SuspendExcNodes set keeps only some of them up)" : "")
                + "; add them to SuspendExcNodes (or their partition to SuspendExcParts) unless SuspendProgram "
                + "really powers these machines off and ResumeProgram back on")));
        return out;
    }
}
