package org.elasticslurm.provisioner.libvirt;

import java.util.Optional;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineRequest;

/** The machines of one pool, by mode. */
interface PoolMachines {

    /** Makes the node's machine run (see {@link org.elasticslurm.provisioner.backend.MachineBackend}). */
    Machine ensureRunning(MachineRequest request);

    /** The node's address, when one is known. */
    Optional<String> address(String node);

    /** Gives the node's machine back. */
    void release(String node);

    /** The static-map address of a node's domain (after a restart too), when the map has one. */
    Optional<String> staticAddressOf(String node, DomainSummary domain);

    /** The pool's spec. */
    PoolSpec spec();
}
