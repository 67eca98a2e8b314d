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

    private int state;
    String reason;
    long reasonTime;

    String commName;
    String hostname;

    long bootTime;
    long bootReqTime;
    private long lastBusy;
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
    private NodeWatcher watcher = NodeWatcher.NONE;

    NodeRecord(int index, String name, int cpus, long realMemory, long weight, int port, String commName,
               String hostname) {
        this.index = index;
        this.name = name;
        this.cpus = cpus;
        this.realMemory = realMemory;
        this.weight = weight;
        this.port = port;
        this.commName = commName;
        this.hostname = hostname;
    }

    /** Who hears of changes that the power-save scan indexes (power request flags, idle times). */
    interface NodeWatcher {
        /** The base state or a flag in {@link #WATCHED} changed. */
        void flagsChanged(NodeRecord node);

        /** last_busy was set to a time (not 0). */
        void busySince(NodeRecord node);

        NodeWatcher NONE = new NodeWatcher() {
            @Override
            public void flagsChanged(NodeRecord node) {
            }

            @Override
            public void busySince(NodeRecord node) {
            }
        };
    }

    /** The bits whose changes the watcher hears of: the base state and the power request/transition flags. */
    static final int WATCHED = NodeState.BASE | NodeState.POWER_UP | NodeState.POWER_DOWN | NodeState.POWERING_DOWN;

    /** The flags among {@link #WATCHED}. */
    static final int WATCHED_FLAGS = NodeState.POWER_UP | NodeState.POWER_DOWN | NodeState.POWERING_DOWN;

    void watch(NodeWatcher newWatcher) {
        this.watcher = newWatcher;
    }

    int state() {
        return state;
    }

    /** Replaces the whole state word. */
    void setState(int newState) {
        int old = state;
        state = newState;
        if (((old ^ newState) & WATCHED) != 0) {
            watcher.flagsChanged(this);
        }
    }

    long lastBusy() {
        return lastBusy;
    }

    /** last_busy: the second the node was last busy (0: never, or powered down since). */
    void setLastBusy(long seconds) {
        lastBusy = seconds;
        if (seconds != 0) {
            watcher.busySince(this);
        }
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
        setState((state & NodeState.FLAGS) | base);
    }

    void set(int flags) {
        setState(state | flags);
    }

    void clear(int flags) {
        setState(state & ~flags);
    }

    /** The state word as clients see it: ALLOCATED shows as MIXED while only some CPUs are allocated. */
    int displayState() {
        if (base() == NodeState.ALLOCATED && allocCpus > 0 && allocCpus < cpus) {
            return (state & NodeState.FLAGS) | NodeState.MIXED;
        }
        return state;
    }
}
