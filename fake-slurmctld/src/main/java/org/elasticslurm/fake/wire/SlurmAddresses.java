package org.elasticslurm.fake.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;

/**
 * Where the fake daemons listen, read from slurm.conf as Slurm reads it: the controller at
 * {@code SlurmctldHost=NAME(ADDR)} (or ControlMachine/ControlAddr) on SlurmctldPort (default 6817); a node's
 * slurmd on its {@code Port} (default SlurmdPort, 6818). The fake daemons run on this machine and only on
 * loopback addresses: a controller address that is not one is refused with the rule.
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
     * The primary controller's name and address.
     *
     * @throws IllegalArgumentException when SlurmctldHost is missing, the port is not a number, or the address is
     *                                  unknown or not a loopback address
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
                    + target + "; give a loopback address, e.g. SlurmctldHost=" + host + "(127.0.0.1)", e);
        }
        if (!inet.isLoopbackAddress()) {
            throw new IllegalArgumentException(conf.source() + ": SlurmctldHost " + host + " is at "
                    + inet.getHostAddress() + ", which is not a loopback address: the fake slurmctld listens on "
                    + "loopback only; write SlurmctldHost=" + host + "(127.0.0.1)");
        }
        return new Controller(host, new InetSocketAddress(inet, port));
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

    /** Where a node's fake slurmd listens: loopback, on its port. */
    public static InetSocketAddress slurmd(SlurmConf conf, NodeDefinition node) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), slurmdPort(conf, node));
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
