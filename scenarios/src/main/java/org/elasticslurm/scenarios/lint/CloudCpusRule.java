package org.elasticslurm.scenarios.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SourceLocation;

/**
 * CLOUD nodes must declare their CPUs: until a powered-down node registers, slurmctld schedules on what
 * slurm.conf says, which defaults to 1 CPU.
 */
public final class CloudCpusRule implements LintRule {
    @Override
    public String id() {
        return "cloud-cpus";
    }

    @Override
    public List<Finding> check(LintContext c) {
        Map<SourceLocation, List<NodeDefinition>> byLine = new LinkedHashMap<>();
        for (NodeDefinition n : c.cloudNodes()) {
            if (!n.cpuSpecified()) {
                byLine.computeIfAbsent(n.location(), l -> new ArrayList<>()).add(n);
            }
        }
        List<Finding> out = new ArrayList<>();
        byLine.forEach((line, nodes) -> out.add(c.at(id(), Severity.WARNING, line, "CLOUD node(s) "
                + LintContext.hostlist(nodes) + " declare no CPUs (nor Sockets/CoresPerSocket/ThreadsPerCore): "
                + "while powered down they count as 1 CPU, so jobs asking for more never wake them; write CPUs=N "
                + "as the machines will have")));
        return out;
    }
}
