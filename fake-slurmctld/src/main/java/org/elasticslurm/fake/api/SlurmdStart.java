package org.elasticslurm.fake.api;

/** How a simulated slurmd reports its up time (and so the boot time the controller derives). */
public enum SlurmdStart {
    /** {@code slurmd -b}: up time counts from slurmd's start, as after a fresh boot. */
    FRESH_BOOT,
    /** Plain {@code slurmd}: up time counts from the machine's (old) boot. */
    MACHINE_BOOT
}
