package org.elasticslurm.provisioner.libvirt;

/** How a domain came to carry our metadata. */
public enum MachineOrigin {
    /** We created it (mode {@code create}); suspend removes it with its volumes. */
    CREATED,
    /** It existed before and was mapped to a node (mode {@code existing}); suspend only stops it. */
    EXISTING
}
