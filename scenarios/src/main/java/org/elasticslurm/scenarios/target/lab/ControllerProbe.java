package org.elasticslurm.scenarios.target.lab;

import java.util.Map;
import org.elasticslurm.conf.state.NodeState;

/** What a lab's slurmctld shows now: the state of each listed node and the state word of each job. */
public interface ControllerProbe {

    /** Each node slurmctld lists, with its state ({@code State=} of {@code scontrol show node}). */
    Map<String, NodeState> nodeStates();

    /** Each job slurmctld knows, by id, with its {@code JobState} word. */
    Map<Long, String> jobs();
}
