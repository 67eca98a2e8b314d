package org.elasticslurm.scenarios.target.lab;

import java.util.function.IntSupplier;
import org.elasticslurm.lab.ports.FreePorts;

/**
 * The one source of ports of this JVM's labs that render their own slurm.conf and start their own services
 * (libvirt-test, the provisioner of libvirt-test and qemu): ports free on 127.0.0.1 that the system picks, never
 * the same one twice in this JVM, so labs that run at the same time never get each other's ports between picking
 * one and binding it.
 */
public final class LabPorts {

    private static final FreePorts SHARED = new FreePorts();

    private LabPorts() {
    }

    /** The JVM's port source (thread-safe). */
    public static IntSupplier shared() {
        return SHARED;
    }
}
