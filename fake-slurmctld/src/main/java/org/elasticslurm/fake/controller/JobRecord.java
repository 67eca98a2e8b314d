package org.elasticslurm.fake.controller;

import java.util.BitSet;
import java.util.Optional;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.job.JobView;

/** One job as slurmctld keeps it ({@code job_record_t}), confined to the controller thread. Times in seconds. */
final class JobRecord {
    final long id;
    final JobRequest request;
    final PartitionRecord partition;
    final boolean requeue;
    final BitSet requiredNodes;
    final int nodeCount;
    final JobListener listener;
    final long submitTime;

    JobState state = JobState.PENDING;
    boolean configuring;
    boolean completing;
    boolean powerUpNode;
    String reason = "None";

    BitSet nodes = new BitSet();
    /** node_bitmap_cg: nodes still completing (epilog not done). */
    BitSet completingNodes = new BitSet();
    String nodeList = "";
    int batchHost = -1;

    long startTime;
    long endTime;
    long beginTime;
    Integer exitCode;
    int restarts;
    long launchFirstAttempt;
    long launchLastAttempt;
    boolean launchPending;
    /** Requeue waiting for the completing nodes before it becomes pending (batch_requeue_fini). */
    boolean requeueWhenDone;
    /** Increases at every launch, so a late report of an earlier launch is recognised. */
    int generation;
    /** 26.05's SLUID ({@link Sluid}); empty until a requeue first needs it. */
    String sluid;
    /** How often the SLUID changed (each change makes a new one, also within a second). */
    int sluidChanges;

    JobRecord(long id, JobRequest request, PartitionRecord partition, boolean requeue, BitSet requiredNodes,
              int nodeCount, JobListener listener, long submitTime) {
        this.id = id;
        this.request = request;
        this.partition = partition;
        this.requeue = requeue;
        this.requiredNodes = requiredNodes;
        this.nodeCount = nodeCount;
        this.listener = listener;
        this.submitTime = submitTime;
    }

    boolean isBatch() {
        return request.kind() == JobKind.BATCH;
    }

    boolean isPending() {
        return state == JobState.PENDING;
    }

    boolean isRunning() {
        return state == JobState.RUNNING;
    }

    /** %pJ. */
    String label() {
        return "JobId=" + id;
    }

    /** What the rest of the controller sees of the job; {@code nodes} names its nodes. */
    JobView view(NodeTable nodes) {
        return new JobView(id, request.name(), request.kind(), state, configuring, completing, reason,
                partition.name, nodes.names(this.nodes), nodeList, SlurmClock.instant(submitTime),
                startTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(startTime)),
                endTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(endTime)),
                beginTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(beginTime)),
                Optional.ofNullable(exitCode), restarts, requeue);
    }
}
