package org.elasticslurm.provisioner.libvirt;

import java.util.ArrayList;
import java.util.List;

/**
 * One opened libvirt connection with the calls running on it (leases). Guarded by its {@link LibvirtConnection}:
 * every method is called with that connection's monitor held.
 */
final class LeasedConnect {
    private final OwnedConnect connect;
    private final List<String> running = new ArrayList<>();
    private boolean retired;

    LeasedConnect(OwnedConnect connect) {
        this.connect = connect;
    }

    OwnedConnect connect() {
        return connect;
    }

    /** A call named {@code what} starts on this connection. */
    void enter(String what) {
        running.add(what);
    }

    /** A call ends; true when the connection was retired and this was its last call (close it now). */
    boolean leave(String what) {
        running.remove(what);
        return retired && running.isEmpty();
    }

    /** No new call will use it; true when no call runs on it (close it now). */
    boolean retire() {
        retired = true;
        return running.isEmpty();
    }

    /** The calls running on it, by name. */
    List<String> running() {
        return List.copyOf(running);
    }
}
