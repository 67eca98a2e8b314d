package org.elasticslurm.scenarios.target.lab;

import java.util.Map;

/** What a lab's slurmctld shows now: the state text of each listed node and the state word of each job. */
public interface ControllerProbe {

    /** Each node slurmctld lists, with its state as {@code scontrol show node} prints it. */
    Map<String, String> nodeStates();

    /** Each job slurmctld knows, by id, with its {@code JobState} word. */
    Map<Long, String> jobs();
}
