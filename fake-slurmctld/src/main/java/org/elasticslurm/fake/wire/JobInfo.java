package org.elasticslurm.fake.wire;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A job as the commands show it ({@code squeue}, {@code scontrol show job}). Times are seconds since the epoch.
 *
 * @param id           JobId
 * @param name         JobName
 * @param user         the submitting user's name
 * @param uid          their uid
 * @param group        their group's name
 * @param gid          their gid
 * @param state        JobState (COMPLETING and CONFIGURING win over the base state)
 * @param stateCode    squeue's %t: PD, CF, R, CG, CD, F, CA, NF, TO
 * @param reason       Reason (None, Resources, Priority, BeginTime, NodeDown ...)
 * @param batch        submitted by sbatch
 * @param requeue      requeued on node failure
 * @param restarts     how often it was requeued
 * @param exitCode     its exit code, once ended
 * @param submitTime   SubmitTime
 * @param eligibleTime EligibleTime
 * @param startTime    StartTime
 * @param endTime      EndTime
 * @param partition    Partition
 * @param reqNodeList  ReqNodeList ({@code -w})
 * @param nodeList     NodeList (empty while pending)
 * @param batchHost    BatchHost
 * @param numNodes     NumNodes (allocated, or requested while pending)
 * @param numCpus      NumCPUs
 * @param command      Command (srun's command; sbatch's script path)
 * @param workDir      WorkDir
 * @param stdOut       StdOut/StdErr of a batch job
 * @param allocNode    the submitting host
 * @param sid          the submitting session
 */
public record JobInfo(long id, String name, String user, long uid, String group, long gid, String state,
                      String stateCode, String reason, boolean batch, boolean requeue, int restarts,
                      OptionalInt exitCode, long submitTime, long eligibleTime, OptionalLong startTime,
                      OptionalLong endTime, String partition, Optional<String> reqNodeList, String nodeList,
                      Optional<String> batchHost, int numNodes, int numCpus, Optional<String> command,
                      String workDir, Optional<String> stdOut, String allocNode, long sid) {

    /** Whether the job waits to be scheduled (squeue shows its reason instead of nodes). */
    public boolean isPending() {
        return stateCode.equals("PD");
    }

    public JsonObject toJson() {
        return JsonObject.create().put("id", id).put("name", name).put("user", user).put("uid", uid)
                .put("group", group).put("gid", gid).put("state", state).put("stateCode", stateCode)
                .put("reason", reason).put("batch", batch).put("requeue", requeue).put("restarts", restarts)
                .put("exitCode", exitCode).put("submitTime", submitTime).put("eligibleTime", eligibleTime)
                .put("startTime", startTime).put("endTime", endTime).put("partition", partition)
                .put("reqNodeList", reqNodeList).put("nodeList", nodeList).put("batchHost", batchHost)
                .put("numNodes", numNodes).put("numCpus", numCpus).put("command", command)
                .put("workDir", workDir).put("stdOut", stdOut).put("allocNode", allocNode).put("sid", sid);
    }

    public static JobInfo fromJson(JsonObject o) {
        return new JobInfo(o.number("id"), o.string("name"), o.string("user"), o.number("uid"), o.string("group"),
                o.number("gid"), o.string("state"), o.string("stateCode"), o.string("reason"), o.bool("batch"),
                o.bool("requeue"), o.integer("restarts"), o.optInteger("exitCode"), o.number("submitTime"),
                o.number("eligibleTime"), o.optNumber("startTime"), o.optNumber("endTime"), o.string("partition"),
                o.optString("reqNodeList"), o.string("nodeList"), o.optString("batchHost"), o.integer("numNodes"),
                o.integer("numCpus"), o.optString("command"), o.string("workDir"), o.optString("stdOut"),
                o.string("allocNode"), o.number("sid"));
    }
}
