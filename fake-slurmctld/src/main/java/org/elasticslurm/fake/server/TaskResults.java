package org.elasticslurm.fake.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticslurm.fake.wire.TaskResult;

/**
 * The per-node outcome of each job's last launch (stdout, stderr, exit), kept from the moment all nodes
 * reported until the job's srun takes it: the controller model only sees the combined exit code.
 */
final class TaskResults {

    private final Map<Long, List<TaskResult>> results = new ConcurrentHashMap<>();

    void put(long jobId, List<TaskResult> tasks) {
        results.put(jobId, List.copyOf(tasks));
    }

    /** Takes (and forgets) a job's results; empty when there are none. */
    List<TaskResult> take(long jobId) {
        List<TaskResult> tasks = results.remove(jobId);
        return tasks == null ? List.of() : tasks;
    }
}
