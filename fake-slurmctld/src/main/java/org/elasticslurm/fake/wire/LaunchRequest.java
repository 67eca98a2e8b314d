package org.elasticslurm.fake.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work the controller hands to one node's slurmd: an srun step's command, or a batch script.
 *
 * @param launchId    identifies this launch in the report
 * @param jobId       the job
 * @param batch       a batch script (else an srun step)
 * @param jobName     the job name
 * @param node        the node that runs it
 * @param nodeIndex   its index among the job's nodes (SLURM_NODEID, the task rank)
 * @param nodeList    all nodes of the job (a hostlist)
 * @param nodeCount   how many nodes the job has
 * @param partition   the job's partition
 * @param command     the command (srun) or how to run the script (sbatch)
 * @param script      the batch script's text
 * @param workDir     the working directory
 * @param environment the environment, before slurmd adds the SLURM_* variables
 * @param output      where a batch script's output goes (slurm-JOBID.out in the working directory)
 */
public record LaunchRequest(long launchId, long jobId, boolean batch, String jobName, String node, int nodeIndex,
                            String nodeList, int nodeCount, String partition, List<String> command,
                            Optional<String> script, String workDir, Map<String, String> environment,
                            Optional<String> output) {

    public LaunchRequest {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    public JsonObject toJson() {
        return JsonObject.create().put("launchId", launchId).put("jobId", jobId).put("batch", batch)
                .put("jobName", jobName).put("node", node).put("nodeIndex", nodeIndex).put("nodeList", nodeList)
                .put("nodeCount", nodeCount).put("partition", partition).put("command", command)
                .put("script", script).put("workDir", workDir).put("environment", environment)
                .put("output", output);
    }

    public static LaunchRequest fromJson(JsonObject o) {
        return new LaunchRequest(o.number("launchId"), o.number("jobId"), o.bool("batch"), o.string("jobName"),
                o.string("node"), o.integer("nodeIndex"), o.string("nodeList"), o.integer("nodeCount"),
                o.string("partition"), o.strings("command"), o.optString("script"), o.string("workDir"),
                o.stringMap("environment"), o.optString("output"));
    }
}
