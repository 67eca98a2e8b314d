package org.elasticslurm.provisioner.backend;

import java.util.List;
import java.util.Map;

/**
 * The machines a backend could list, and the nodes whose machine it cannot know now: their machine may be on a
 * part of the backend that did not answer (a silent hypervisor host).
 *
 * @param machines the machines of this service found where the backend answered
 * @param unknown per node whose machine may be where the backend did not answer (and was not found elsewhere): why
 */
public record MachineListing(List<Machine> machines, Map<String, String> unknown) {
    /** Copies both. */
    public MachineListing {
        machines = List.copyOf(machines);
        unknown = Map.copyOf(unknown);
    }

    /** A listing of every machine: no node is unknown. */
    public static MachineListing complete(List<Machine> machines) {
        return new MachineListing(machines, Map.of());
    }
}
