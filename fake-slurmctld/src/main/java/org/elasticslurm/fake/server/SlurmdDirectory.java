package org.elasticslurm.fake.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.wire.SlurmAddresses;
import org.elasticslurm.fake.wire.WireClient;

/**
 * Where each node's fake slurmd listens, following reconfigurations and {@code scontrol update nodeaddr=}: with the
 * controller on loopback 127.0.0.1; otherwise the node's NodeAddr when that is an IP address other than a loopback
 * one, else 127.0.0.1; the node's Port ({@link SlurmAddresses#slurmdTarget}).
 */
final class SlurmdDirectory {

    /** slurmctld's MessageTimeout default. */
    private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final SlurmAddresses.Controller controller;
    private volatile SlurmConf conf;
    private volatile Function<String, Optional<String>> nodeAddr = node -> Optional.empty();

    /**
     * @param conf       slurm.conf
     * @param controller where the controller listens
     */
    SlurmdDirectory(SlurmConf conf, SlurmAddresses.Controller controller) {
        this.conf = conf;
        this.controller = controller;
    }

    /**
     * Connects the directory to the controller's NodeAddr of each node; {@code lookup} runs on the controller
     * thread, where {@link #client} is called.
     */
    void bind(Function<String, Optional<String>> lookup) {
        this.nodeAddr = lookup;
    }

    void reconfigure(SlurmConf newConf) {
        this.conf = newConf;
    }

    /**
     * A client for a node's slurmd; empty for a node slurm.conf does not define. Call it on the controller thread
     * (it reads the node's current NodeAddr).
     */
    Optional<WireClient> client(String node) {
        SlurmConf c = conf;
        return c.node(node).map(d -> {
            String addr = nodeAddr.apply(node).orElse(d.nodeAddr());
            InetSocketAddress address = SlurmAddresses.slurmdTarget(controller, addr,
                    SlurmAddresses.slurmdPort(c, d));
            return new WireClient(address, CONNECT_TIMEOUT, MESSAGE_TIMEOUT);
        });
    }
}
