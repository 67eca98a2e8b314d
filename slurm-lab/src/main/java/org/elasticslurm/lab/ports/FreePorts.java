package org.elasticslurm.lab.ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hands out TCP ports that are free on 127.0.0.1, never the same one twice: any port the system picks, or only
 * ports of a range ({@code 19100-19199}) when several people share the machine and each keeps to a range.
 *
 * <p>Each port handed out stays reserved ({@link PortLocks}: a lock file per port) until {@link #close()}, so
 * concurrent labs, in this JVM or in others, are never handed the same port while its daemon has not bound it
 * yet. A port is handed out only if it is not reserved and binds right now.
 */
public final class FreePorts implements IntSupplier, AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    private final List<PortLocks.Held> held = new ArrayList<>();
    private final PortLocks locks;
    private final int first;
    private final int last;

    /** Ports the system picks, reserved in the lock directory of {@link PortLocks#fromSystemProperties()}. */
    public FreePorts() {
        this(0, 0, PortLocks.fromSystemProperties());
    }

    private FreePorts(int first, int last, PortLocks locks) {
        this.first = first;
        this.last = last;
        this.locks = locks;
    }

    /**
     * Ports from {@code FIRST-LAST} only (inclusive, 1024-65535).
     *
     * @throws IllegalArgumentException if the text is not such a range
     */
    public static FreePorts range(String spec) {
        return range(spec, PortLocks.fromSystemProperties());
    }

    /** As {@link #range(String)}, reserving the ports with {@code locks}. */
    public static FreePorts range(String spec, PortLocks locks) {
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
        return new FreePorts(first, last, locks);
    }

    @Override
    public synchronized int getAsInt() {
        return first == 0 ? systemPick() : fromRange();
    }

    /**
     * Releases the reservations of every port handed out (their daemons have ended), each one even when releasing
     * another fails; the first failure is then thrown, the others added to it as suppressed.
     */
    @Override
    public synchronized void close() {
        List<PortLocks.Held> releasing = List.copyOf(held);
        held.clear();
        closeEach(releasing, PortLocks.Held::close);
    }

    /** Runs {@code close} on every item; then throws the first failure, with the others suppressed. */
    static <T> void closeEach(List<T> items, Consumer<T> close) {
        RuntimeException first = null;
        for (T item : items) {
            try {
                close.accept(item);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private int systemPick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = bind(0);
            if (reserve(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no new free port on 127.0.0.1 after 50 attempts");
    }

    private int fromRange() {
        for (int port = first; port <= last; port++) {
            if (reserve(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port left in " + first + "-" + last + " on 127.0.0.1");
    }

    /** Reserves the port if no lab holds it, then keeps it if it binds now. */
    private boolean reserve(int port) {
        Optional<PortLocks.Held> lock = locks.tryLock(port);
        if (lock.isEmpty()) {
            return false;
        }
        if (bind(port) != port) {
            lock.get().close();
            return false;
        }
        held.add(lock.get());
        return true;
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
