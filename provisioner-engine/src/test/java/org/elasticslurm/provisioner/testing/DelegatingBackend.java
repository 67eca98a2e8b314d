package org.elasticslurm.provisioner.testing;

import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineRequest;

/**
 * A backend that hands every call to a real one; a test backend overrides only the calls it changes or watches.
 * {@link #listing()} and {@link #keepsMachinesAcrossRestarts()} keep the interface's defaults, so a listing goes
 * through this backend's {@link #list()}.
 */
public abstract class DelegatingBackend implements MachineBackend {
    protected final MachineBackend delegate;

    protected DelegatingBackend(MachineBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public Machine ensureRunning(MachineRequest request) {
        return delegate.ensureRunning(request);
    }

    @Override
    public Optional<String> address(String node) {
        return delegate.address(node);
    }

    @Override
    public void release(String node, String pool) {
        delegate.release(node, pool);
    }

    @Override
    public List<Machine> list() {
        return delegate.list();
    }

    @Override
    public boolean reachable() {
        return delegate.reachable();
    }
}
