package org.elasticslurm.fake.wire;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * The addresses configured on this machine's interfaces (in the network namespace this process runs in). A class
 * of its own so that the commands, which never ask, do not load the network-interface classes.
 */
final class ThisMachine {

    private ThisMachine() {
    }

    /**
     * Whether an interface of this machine has the address (the wildcard address is no interface's).
     *
     * @throws IllegalArgumentException when the interfaces cannot be listed
     */
    static boolean hasAddress(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return false;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot list this machine's network interfaces: " + e.getMessage(), e);
        }
    }
}
