package org.elasticslurm.lab.ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hands out TCP ports that are free on 127.0.0.1 right now, never the same one twice: any port the system picks,
 * or only ports of a range ({@code 19100-19199}) when several people share the machine and each keeps to a range.
 */
public final class FreePorts implements IntSupplier {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    private final Set<Integer> handedOut = new HashSet<>();
    private final int first;
    private final int last;

    /** Ports the system picks. */
    public FreePorts() {
        this(0, 0);
    }

    private FreePorts(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /**
     * Ports from {@code FIRST-LAST} only (inclusive, 1024-65535).
     *
     * @throws IllegalArgumentException if the text is not such a range
     */
    public static FreePorts range(String spec) {
        Matcher m = RANGE.matcher(spec.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("port range '" + spec + "': expected FIRST-LAST, e.g. 19100-19199");
        }
        int first = Integer.parseInt(m.group(1));
        int last = Integer.parseInt(m.group(2));
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range '" + spec
                    + "': FIRST must not exceed LAST, both within 1024-65535");
        }
        return new FreePorts(first, last);
    }

    @Override
    public synchronized int getAsInt() {
        return first == 0 ? systemPick() : fromRange();
    }

    private int systemPick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = bind(0);
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no new free port on 127.0.0.1 after 50 attempts");
    }

    private int fromRange() {
        for (int port = first; port <= last; port++) {
            if (!handedOut.contains(port) && bind(port) == port) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port left in " + first + "-" + last + " on 127.0.0.1");
    }

    /** Binds a port (0: any) on 127.0.0.1 and releases it; the port bound, or -1 if it is taken. */
    private static int bind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket.getLocalPort();
        } catch (IOException e) {
            if (port != 0) {
                return -1;
            }
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }
}
