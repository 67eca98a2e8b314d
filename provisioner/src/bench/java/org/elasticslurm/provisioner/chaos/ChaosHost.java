package org.elasticslurm.provisioner.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The hypervisor host of a chaos run: the libvirt URI the service and the run's observer use, the pool settings
 * of the service's nodes on it, a restart of its libvirtd, and what it still holds of the run at the end.
 */
interface ChaosHost extends AutoCloseable {
    /** The URI of the host, stable across restarts of its daemon. */
    String uri();

    /**
     * The service's {@code provisioner.libvirt.call-timeout} on this host; injected hangs last one second longer.
     */
    Duration callTimeout();

    /** The PID of its current libvirtd. */
    long pid();

    /**
     * The settings of the service's pool {@code cloud} on this host ({@code provisioner.pools.cloud.*}, without
     * the nodes, the munge key and the seed directory, which the run sets).
     *
     * @param nodes the nodes of the pool, in order
     */
    Map<String, String> poolProperties(List<String> nodes) throws Exception;

    /**
     * Kills the libvirtd with SIGKILL (by PID), leaves the clients without a daemon for {@code down} and starts it
     * again; the daemon then knows what a libvirtd keeps across a restart (definitions, running guests, volumes).
     *
     * @param freeze holds the service still while it runs its argument, when the host needs that
     */
    void restart(Duration down, Freezer freeze) throws Exception;

    /** The volumes of the run's storage pool other than the base image. */
    List<String> extraVolumes() throws Exception;

    /** Removes what the run left on the host (after the checks counted it). */
    @Override
    void close() throws Exception;

    /** Holds the clients of the daemon still while a body runs. */
    interface Freezer {
        <T> T during(Callable<T> body) throws Exception;
    }
}
