package org.elasticslurm.fake.controller;

/**
 * One node as slurmctld keeps it ({@code node_record_t}): the state word and the times the power-save logic
 * reads. Times are whole seconds since the epoch, 0 meaning "never", as in Slurm. Confined to the controller
 * thread.
 */
final class NodeRecord {

    /** A SuspendTime of INFINITE, large enough that {@code lastBusy < now - suspendTime} never holds. */
    static final long INFINITE_SECONDS = Long.MAX_VALUE / 4;

    final int index;
    final String name;
    final int cpus;
    final long realMemory;
    final long weight;
    final int port;
    final boolean configuredCloud;

    int state;
    String reason;
    long reasonTime;

    String commName;
    String hostname;

    long bootTime;
    long bootReqTime;
    long lastBusy;
    long powerSaveReqTime;
    long lastResponse;
    long slurmdStartTime;
    long upTime;
    long cpuLoadTime;
    long freeMemTime;
    long cpuLoad;
    long freeMem;
    boolean notResponding;

    int allocCpus;
    int runJobCnt;
    int compJobCnt;

    long suspendTime;
    int suspendTimeout;
    int resumeTimeout;
    int[] partitions = new int[0];

    NodeRecord(int index, String name, int cpus, long realMemory, long weight, int port, boolean cloud,
               String commName, String hostname) {
        this.index = index;
        this.name = name;
        this.cpus = cpus;
        this.realMemory = realMemory;
        this.weight = weight;
        this.port = port;
        this.configuredCloud = cloud;
        this.commName = commName;
        this.hostname = hostname;
    }

    boolean is(int flag) {
        return (state & flag) != 0;
    }

    int base() {
        return state & NodeState.BASE;
    }

    boolean isIdle() {
        return base() == NodeState.IDLE;
    }

    boolean isDown() {
        return base() == NodeState.DOWN;
    }

    boolean isAllocated() {
        return base() == NodeState.ALLOCATED;
    }

    boolean isFuture() {
        return base() == NodeState.FUTURE;
    }

    boolean isUnknown() {
        return base() == NodeState.UNKNOWN;
    }

    void setBase(int base) {
        state = (state & NodeState.FLAGS) | base;
    }

    void set(int flags) {
        state |= flags;
    }

    void clear(int flags) {
        state &= ~flags;
    }

    /** The state word as clients see it: ALLOCATED shows as MIXED while only some CPUs are allocated. */
    int displayState() {
        if (base() == NodeState.ALLOCATED && allocCpus > 0 && allocCpus < cpus) {
            return (state & NodeState.FLAGS) | NodeState.MIXED;
        }
        return state;
    }
}
