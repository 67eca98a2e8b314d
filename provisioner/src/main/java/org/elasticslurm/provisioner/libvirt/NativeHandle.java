package org.elasticslurm.provisioner.libvirt;

import com.sun.jna.Pointer;
import java.util.function.ToIntFunction;

/** Frees a raw libvirt pointer (domain, network, volume, stream) when a try-with-resources block ends. */
final class NativeHandle implements AutoCloseable {
    private final Pointer pointer;
    private final ToIntFunction<Pointer> free;

    NativeHandle(Pointer pointer, ToIntFunction<Pointer> free) {
        this.pointer = pointer;
        this.free = free;
    }

    Pointer get() {
        return pointer;
    }

    @Override
    public void close() {
        free.applyAsInt(pointer);
    }
}
