package org.elasticslurm.fake.sim.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * What a working ResumeProgram/SuspendProgram pair does, in simulation: a resumed node's machine boots and its
 * slurmd starts (fresh boot time) after a boot delay; a suspended node's slurmd stops.
 */
public final class SimulatedCloud {

    private static final int PRIORITY = 10;

    private final Scheduler scheduler;
    private final SimulatedCluster cluster;
    private final Function<String, Duration> bootDelay;
    private final int cpus;
    private final long realMemory;

    /**
     * @param scheduler the simulation clock
     * @param cluster the slurmds
     * @param bootDelay how long a node takes from the resume call to slurmd's start
     * @param cpus CPUs each slurmd reports
     * @param realMemory memory each slurmd reports, in MB
     */
    public SimulatedCloud(Scheduler scheduler, SimulatedCluster cluster, Function<String, Duration> bootDelay,
                          int cpus, long realMemory) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.bootDelay = Objects.requireNonNull(bootDelay, "bootDelay");
        this.cpus = cpus;
        this.realMemory = realMemory;
    }

    /** Reacts to a program start (register with {@code RecordingHookRunner.onStart}). */
    public void onHook(HookCall call) {
        if (call.kind() == HookKind.RESUME) {
            for (String node : Hostlist.parse(call.hostlist()).names()) {
                scheduler.scheduleAfter(bootDelay.apply(node), PRIORITY,
                        () -> cluster.startSlurmd(node, SlurmdStart.FRESH_BOOT, cpus, realMemory));
            }
        } else if (call.kind() == HookKind.SUSPEND) {
            for (String node : Hostlist.parse(call.hostlist()).names()) {
                cluster.stopSlurmd(node);
            }
        }
    }
}
