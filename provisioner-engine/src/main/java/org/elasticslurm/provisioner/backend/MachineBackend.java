package org.elasticslurm.provisioner.backend;

import java.util.List;
import java.util.Optional;

/**
 * Where the machines behind cloud nodes live (simulated, or libvirt hosts). The operation engine is the only
 * caller; it serializes calls per node, so implementations need not guard against two concurrent calls for
 * the same node, but must allow calls for different nodes in parallel.
 *
 * <p>Every method is idempotent with respect to the node: calling it again after a crash or a retry must
 * not create a second machine. Failures are reported as {@link BackendException}.
 */
public interface MachineBackend {

    /** Short name for logs and metrics: {@code sim}, {@code libvirt}. */
    String kind();

    /**
     * Makes the node's machine exist and run: starts an existing one, or creates it (volume, seed, definition)
     * when the pool creates machines. Returns without waiting for the guest to boot.
     */
    Machine ensureRunning(MachineRequest request);

    /** The machine's address once it has one (DHCP lease, static map, guest agent). */
    Optional<String> address(String node);

    /**
     * Gives the node's machine back: shuts down an existing domain (destroying it after the pool's grace
     * period), or destroys a created one and deletes its volumes and seed. Succeeds when nothing is left.
     */
    void release(String node, String pool);

    /** Every machine this backend owns (carrying our metadata), for reconciliation after a restart. */
    List<Machine> list();

    /**
     * The machines that can be listed now, and the nodes whose machine cannot be known because part of the backend
     * does not answer (restart recovery leaves those nodes alone until it does). By default {@link #list()}.
     *
     * @throws BackendException when nothing can be listed
     */
    default MachineListing listing() {
        return MachineListing.complete(list());
    }

    /** Whether the backend can be reached now (readiness). */
    boolean reachable();

    /** Whether machines outlive the service's process (false: a restart forgets them, as the sim backend does). */
    default boolean keepsMachinesAcrossRestarts() {
        return true;
    }
}
