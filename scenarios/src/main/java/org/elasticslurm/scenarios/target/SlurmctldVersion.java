package org.elasticslurm.scenarios.target;

import java.util.Optional;

/**
 * The slurmctld a run had, for its version line ({@link Target#slurmctld()}): an emulation of the version chosen,
 * or a real slurmctld, with what its {@code slurmctld -V} printed or why that could not be read. A real
 * slurmctld whose version was not read is still real: the run meant to run that daemon.
 */
public sealed interface SlurmctldVersion {

    /** What the real {@code slurmctld -V} printed (e.g. {@code slurm-wlm 24.11.5}), when it was read. */
    default Optional<String> printed() {
        return this instanceof Read r ? Optional.of(r.line()) : Optional.empty();
    }

    /** The target emulates slurmctld (sim, fake-realtime, the fake controller of libvirt-test and qemu). */
    record Emulated() implements SlurmctldVersion {
    }

    /**
     * A real slurmctld whose version was read.
     *
     * @param line the first line its {@code slurmctld -V} printed
     */
    record Read(String line) implements SlurmctldVersion {
    }

    /**
     * A real slurmctld whose version could not be read.
     *
     * @param why what went wrong (e.g. {@code slurmctld -V exited 70: cannot bind-mount ...})
     */
    record Unread(String why) implements SlurmctldVersion {
    }
}
