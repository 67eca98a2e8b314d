package org.elasticslurm.provisioner.libvirt;

import org.libvirt.LibvirtException;

/**
 * Frees a libvirt-java object when a try-with-resources block ends, instead of leaving it to finalization.
 *
 * @param <T> the wrapped object
 */
final class Handle<T> implements AutoCloseable {
    /** How to free the object. */
    interface Freer<T> {
        void free(T value) throws LibvirtException;
    }

    private final T value;
    private final Freer<T> freer;
    private final LibvirtErrors errors;

    Handle(T value, Freer<T> freer, LibvirtErrors errors) {
        this.value = value;
        this.freer = freer;
        this.errors = errors;
    }

    T get() {
        return value;
    }

    @Override
    public void close() {
        try {
            freer.free(value);
        } catch (LibvirtException e) {
            throw errors.translate("freeing a libvirt handle", e);
        }
    }
}
