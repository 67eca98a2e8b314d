package org.elasticslurm.provisioner.testing;

import org.elasticslurm.lab.ports.FreePorts;

/**
 * Loopback ports for the services and daemons the tests start: ports the system picks, each reserved on the
 * machine (slurm-lab's {@link FreePorts}, lock files shared by every JVM) until this JVM ends, so the labs of
 * fake-slurmctld's and scenarios' ITs running at the same time are never handed one of them, and no test here is
 * handed the same port twice.
 */
public final class TestPorts {

    private static final FreePorts PORTS = new FreePorts();

    private TestPorts() {
    }

    /** A port free on 127.0.0.1 and reserved for this JVM. */
    public static int next() {
        return PORTS.getAsInt();
    }
}
