package org.elasticslurm.fake.api;

import java.util.List;

/** How job commands behave on the simulated nodes (which run nothing). */
@FunctionalInterface
public interface Workload {

    /**
     * @param command the job's command
     * @param nodes the nodes it runs on, in order
     */
    CommandRun run(List<String> command, List<String> nodes);
}
