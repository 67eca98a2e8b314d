package org.elasticslurm.scenarios.model;

/** The places a scenario can run (see the module README for what each needs). */
public enum TargetKind implements Keyword {
    /** fake-slurmctld on the virtual clock and the provisioner's simulated backend: milliseconds, JVM only. */
    SIM("sim"),
    /** fake-slurmctld and fake slurmd as processes with the drop-in commands on PATH, real time. */
    FAKE_REALTIME("fake-realtime"),
    /** libvirt's built-in {@code test:///default} driver behind the provisioner. */
    LIBVIRT_TEST("libvirt-test"),
    /** real VMs through {@code qemu:///system} (KVM when it works, TCG otherwise). */
    QEMU("qemu"),
    /** Debian's slurmctld/slurmd 22.05 with munge. */
    REAL_SLURM("real-slurm");

    private final String keyword;

    TargetKind(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    @Override
    public String toString() {
        return keyword;
    }
}
