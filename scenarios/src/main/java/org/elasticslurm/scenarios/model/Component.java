package org.elasticslurm.scenarios.model;

/** A part of the lab a step can stop or restart. */
public enum Component implements Keyword {
    /** The controller (real or fake). */
    SLURMCTLD("slurmctld"),
    /** One node's slurmd (names the node). */
    SLURMD("slurmd"),
    /** The provisioner service. */
    PROVISIONER("provisioner"),
    /** The libvirt daemon. */
    LIBVIRTD("libvirtd"),
    /** The libvirt daemon of the second hypervisor host (a scenario with {@code provisioner: hosts: 2}). */
    SECOND_HOST("second-host");

    private final String keyword;

    Component(String keyword) {
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
