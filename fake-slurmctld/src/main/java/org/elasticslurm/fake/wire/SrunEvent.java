package org.elasticslurm.fake.wire;

import java.util.List;

/**
 * What the controller tells a waiting {@code srun} about its job, one object per line of the {@code /v1/jobs/srun}
 * stream. The {@code event} field names the kind; the factories below build each kind.
 */
public final class SrunEvent {

    /** The job was refused: {@code error} holds slurm_strerror's text. */
    public static final String REJECTED = "rejected";
    /** The job waits for resources: {@code jobId}, {@code reason}. */
    public static final String QUEUED = "queued";
    /** The job got its nodes: {@code jobId}, {@code nodeList}, {@code waited}. */
    public static final String ALLOCATED = "allocated";
    /** A node of the job failed: {@code nodes}, {@code stepRunning}. */
    public static final String NODE_FAILURE = "nodeFailure";
    /** The command ended on every node: {@code tasks}. */
    public static final String TASKS = "tasks";
    /** The job ended: {@code jobId}, {@code state}, {@code stepStarted}, {@code nodeList}; the last event. */
    public static final String ENDED = "ended";
    /** srun gave up waiting for the nodes to boot: {@code nodeList}; the last event. */
    public static final String BOOT_TIMEOUT = "bootTimeout";

    private SrunEvent() {
    }

    public static JsonObject rejected(String error) {
        return JsonObject.create().put("event", REJECTED).put("error", error);
    }

    public static JsonObject queued(long jobId, String reason) {
        return JsonObject.create().put("event", QUEUED).put("jobId", jobId).put("reason", reason);
    }

    public static JsonObject allocated(long jobId, String nodeList, boolean waited) {
        return JsonObject.create().put("event", ALLOCATED).put("jobId", jobId).put("nodeList", nodeList)
                .put("waited", waited);
    }

    public static JsonObject nodeFailure(long jobId, String nodes, boolean stepRunning) {
        return JsonObject.create().put("event", NODE_FAILURE).put("jobId", jobId).put("nodes", nodes)
                .put("stepRunning", stepRunning);
    }

    public static JsonObject tasks(long jobId, List<TaskResult> tasks) {
        return JsonObject.create().put("event", TASKS).put("jobId", jobId)
                .put("tasks", tasks.stream().map(TaskResult::toJson).toList());
    }

    public static JsonObject ended(long jobId, String state, boolean stepStarted, String nodeList) {
        return JsonObject.create().put("event", ENDED).put("jobId", jobId).put("state", state)
                .put("stepStarted", stepStarted).put("nodeList", nodeList);
    }

    public static JsonObject bootTimeout(long jobId, String nodeList) {
        return JsonObject.create().put("event", BOOT_TIMEOUT).put("jobId", jobId).put("nodeList", nodeList);
    }
}
