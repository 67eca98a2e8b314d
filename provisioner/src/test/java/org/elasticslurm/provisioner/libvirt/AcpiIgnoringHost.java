package org.elasticslurm.provisioner.libvirt;

/** A host whose guests ignore the ACPI power button: {@link #shutdown} does nothing, all else is delegated. */
final class AcpiIgnoringHost extends DelegatingHypervisor {

    AcpiIgnoringHost(Hypervisor real) {
        super(real);
    }

    @Override
    public void shutdown(String name) {
        // the guest does not react
    }
}
