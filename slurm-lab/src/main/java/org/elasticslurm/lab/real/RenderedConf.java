package org.elasticslurm.lab.real;

import java.util.List;
import java.util.Map;

/**
 * A slurm.conf made from a template for one lab.
 *
 * @param text           the file content
 * @param nodes          the node names, in the order of their NodeName lines
 * @param slurmctldPort  the controller's port
 * @param nodePorts      each node's slurmd port
 */
public record RenderedConf(String text, List<String> nodes, int slurmctldPort, Map<String, Integer> nodePorts) {

    public RenderedConf {
        nodes = List.copyOf(nodes);
        nodePorts = Map.copyOf(nodePorts);
    }
}
