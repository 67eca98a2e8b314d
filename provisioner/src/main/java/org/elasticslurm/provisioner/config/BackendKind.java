package org.elasticslurm.provisioner.config;

/** The backend selected by {@code provisioner.backend}. */
public enum BackendKind {
    /** In-memory simulated machines. */
    SIM,
    /** libvirt domains on the hosts of {@code provisioner.libvirt.uris}. */
    LIBVIRT
}
