package org.elasticslurm.fake.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;

/**
 * Where the fake daemons listen and how they reach each other, read from slurm.conf as Slurm reads it: the
 * controller at {@code SlurmctldHost=NAME(ADDR)} (or ControlMachine/ControlAddr) on SlurmctldPort (default 6817);
 * a node's slurmd on its {@code Port} (default SlurmdPort, 6818).
 * <ul>
 * <li>The controller listens on its address when that is a loopback address or an address of one of this
 * machine's interfaces ({@link #controllerHere}); the commands and slurmds connect to it wherever it is
 * ({@link #controller}).</li>
 * <li>A fake slurmd binds 127.0.0.1 when the controller's address is a loopback address (everything on one
 * machine), else the wildcard address, as the real slurmd ({@link #slurmdListen}).</li>
 * <li>The controller reaches a slurmd at 127.0.0.1 when the controller is at a loopback address; otherwise at
 * the node's NodeAddr when that is an IP address other than a loopback one, else at 127.0.0.1
 * ({@link #slurmdTarget}).</li>
 * </ul>
 */
public final class SlurmAddresses {

    /** SlurmctldPort's default. */
    public static final int DEFAULT_SLURMCTLD_PORT = 6817;
    /** SlurmdPort's default. */
    public static final int DEFAULT_SLURMD_PORT = 6818;

    /**
     * The primary controller.
     *
     * @param hostName the name in SlurmctldHost (printed by {@code scontrol ping})
     * @param address  where it listens
     */
    public record Controller(String hostName, InetSocketAddress address) {
    }

    private SlurmAddresses() {
    }

    /**
     * The primary controller's name and address, as the commands and slurmds reach it.
     *
     * @throws IllegalArgumentException when SlurmctldHost is missing, the port is not a number, or the address is
     *                                  unknown
     */
    public static Controller controller(SlurmConf conf) {
        String host;
        Optional<String> addr;
        Optional<String> value = conf.parameter("SlurmctldHost");
        if (value.isPresent()) {
            String v = value.get().strip();
            int open = v.indexOf('(');
            if (open >= 0) {
                if (!v.endsWith(")")) {
                    throw new IllegalArgumentException(conf.source() + ": SlurmctldHost=" + v
                            + ": expected NAME or NAME(ADDRESS)");
                }
                host = v.substring(0, open);
                addr = Optional.of(v.substring(open + 1, v.length() - 1));
            } else {
                host = v;
                addr = conf.parameter("ControlAddr");
            }
        } else {
            host = conf.parameter("ControlMachine").orElseThrow(() -> new IllegalArgumentException(conf.source()
                    + ": no SlurmctldHost: slurm.conf must name the controller (e.g. SlurmctldHost=ctl(127.0.0.1))"));
            addr = conf.parameter("ControlAddr");
        }
        int port = firstPort(conf.parameter("SlurmctldPort"), DEFAULT_SLURMCTLD_PORT, conf, "SlurmctldPort");
        String target = addr.orElse(host);
        InetAddress inet;
        try {
            inet = InetAddress.getByName(target);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(conf.source() + ": SlurmctldHost " + host + ": cannot resolve "
                    + target + "; give its address, e.g. SlurmctldHost=" + host + "(127.0.0.1)", e);
        }
        return new Controller(host, new InetSocketAddress(inet, port));
    }

    /**
     * The primary controller, for the daemon that is to listen there: its address must be a loopback address or
     * one configured on an interface of this machine (of the network namespace the daemon runs in).
     *
     * @throws IllegalArgumentException as {@link #controller}, and when the address is neither
     */
    public static Controller controllerHere(SlurmConf conf) {
        Controller controller = controller(conf);
        InetAddress inet = controller.address().getAddress();
        if (inet.isLoopbackAddress() || ThisMachine.hasAddress(inet)) {
            return controller;
        }
        throw new IllegalArgumentException(conf.source() + ": SlurmctldHost " + controller.hostName() + " is at "
                + inet.getHostAddress() + ", which is neither a loopback address nor an address of this machine's "
                + "interfaces: the fake slurmctld listens only where it runs; write SlurmctldHost="
                + controller.hostName() + "(127.0.0.1) or the address of one of this machine's interfaces");
    }

    /** The port a node's slurmd listens on: its Port, else SlurmdPort, else 6818. */
    public static int slurmdPort(SlurmConf conf, NodeDefinition node) {
        if (node.port().isPresent()) {
            return node.port().getAsInt();
        }
        return firstPort(conf.parameter("SlurmdPort"), DEFAULT_SLURMD_PORT, conf, "SlurmdPort");
    }

    /** The SlurmdPort value (default 6818). */
    public static int defaultSlurmdPort(SlurmConf conf) {
        return firstPort(conf.parameter("SlurmdPort"), DEFAULT_SLURMD_PORT, conf, "SlurmdPort");
    }

    /**
     * Where a node's fake slurmd listens: 127.0.0.1 when the controller is at a loopback address (everything on this
     * machine), else the wildcard address (slurmd on its own machine, reached at its NodeAddr); the node's port.
     */
    public static InetSocketAddress slurmdListen(SlurmConf conf, NodeDefinition node, Controller controller) {
        int port = slurmdPort(conf, node);
        if (controller.address().getAddress().isLoopbackAddress()) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
        return new InetSocketAddress(port);
    }

    /**
     * Where the controller reaches a node's slurmd. With the controller at a loopback address every slurmd runs on
     * this machine and listens on 127.0.0.1 ({@link #slurmdListen}): 127.0.0.1, whatever NodeAddr says. Otherwise
     * at the node's NodeAddr when that is an IP address other than a loopback or wildcard one (set in slurm.conf or
     * by {@code scontrol update nodeaddr=}), else at 127.0.0.1. Host names are not resolved (NodeAddr defaults to
     * the node's name). The port is the node's.
     */
    public static InetSocketAddress slurmdTarget(Controller controller, String nodeAddr, int port) {
        if (!controller.address().getAddress().isLoopbackAddress()) {
            Optional<InetAddress> ip = ipLiteral(nodeAddr);
            if (ip.isPresent() && !ip.get().isLoopbackAddress() && !ip.get().isAnyLocalAddress()) {
                return new InetSocketAddress(ip.get(), port);
            }
        }
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The address written as an IPv4 dotted quad or an IPv6 literal; empty for anything else (a host name). */
    static Optional<InetAddress> ipLiteral(String text) {
        String t = text == null ? "" : text.strip();
        if (!isDottedQuad(t) && !looksLikeIpv6(t)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isDottedQuad(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeIpv6(String t) {
        return t.indexOf(':') >= 0 && t.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
    }

    private static int firstPort(Optional<String> value, int defaultPort, SlurmConf conf, String key) {
        if (value.isEmpty()) {
            return defaultPort;
        }
        String v = value.get().strip();
        int dash = v.indexOf('-');
        String first = dash > 0 ? v.substring(0, dash) : v;
        try {
            int port = Integer.parseInt(first);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException("out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(conf.source() + ": " + key + "=" + v
                    + ": not a port number (1-65535)", e);
        }
    }
}
