package org.elasticslurm.fake.sim.cluster;

/** How a simulated slurmd reports its up time (and so the boot time the controller derives). */
public enum SlurmdStart {
    /**
     * {@code slurmd -b}: up time counts from slurmd's start, as after a fresh boot. As measured with 22.05's
     * slurmd, it already reports an up time of 1 s when it registers right after its start (so slurmctld derives a
     * boot time one second before the start).
     */
    FRESH_BOOT,
    /** Plain {@code slurmd}: up time counts from the machine's (old) boot. */
    MACHINE_BOOT
}
