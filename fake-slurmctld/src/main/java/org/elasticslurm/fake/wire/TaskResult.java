package org.elasticslurm.fake.wire;

import java.util.OptionalInt;

/**
 * How the work of one launch ended on one node (sent by slurmd to the controller).
 *
 * @param launchId the launch
 * @param jobId    the job
 * @param node     the node
 * @param task     the task rank (the node's index in the job)
 * @param exitCode the exit status (0-255) when it exited
 * @param signal   the signal that killed it
 * @param stdout   what it wrote on stdout (srun steps only)
 * @param stderr   what it wrote on stderr (srun steps only)
 */
public record TaskResult(long launchId, long jobId, String node, int task, OptionalInt exitCode, OptionalInt signal,
                         String stdout, String stderr) {

    /** The status a shell would report: the exit code, or 128 + the signal. */
    public int shellStatus() {
        return exitCode.isPresent() ? exitCode.getAsInt() : 128 + signal.orElse(0);
    }

    public JsonObject toJson() {
        return JsonObject.create().put("launchId", launchId).put("jobId", jobId).put("node", node).put("task", task)
                .put("exitCode", exitCode).put("signal", signal).put("stdout", stdout).put("stderr", stderr);
    }

    public static TaskResult fromJson(JsonObject o) {
        return new TaskResult(o.number("launchId"), o.number("jobId"), o.string("node"), o.integer("task"),
                o.optInteger("exitCode"), o.optInteger("signal"), o.string("stdout"), o.string("stderr"));
    }
}
