package org.elasticslurm.fake.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;

/** Hands out TCP ports that are free on 127.0.0.1 right now, never the same one twice. */
public final class FreePorts implements IntSupplier {

    private final Set<Integer> handedOut = new HashSet<>();

    @Override
    public synchronized int getAsInt() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no new free port on 127.0.0.1 after 50 attempts");
    }
}
