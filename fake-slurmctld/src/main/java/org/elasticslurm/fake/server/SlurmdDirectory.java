package org.elasticslurm.fake.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.wire.SlurmAddresses;
import org.elasticslurm.fake.wire.WireClient;

/** Where each node's fake slurmd listens (loopback, the node's Port), following reconfigurations. */
final class SlurmdDirectory {

    /** slurmctld's MessageTimeout default. */
    private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private volatile SlurmConf conf;

    SlurmdDirectory(SlurmConf conf) {
        this.conf = conf;
    }

    void reconfigure(SlurmConf newConf) {
        this.conf = newConf;
    }

    /** A client for a node's slurmd; empty for a node slurm.conf does not define. */
    Optional<WireClient> client(String node) {
        SlurmConf c = conf;
        return c.node(node).map(d -> {
            InetSocketAddress address = SlurmAddresses.slurmd(c, d);
            return new WireClient(address, CONNECT_TIMEOUT, MESSAGE_TIMEOUT);
        });
    }
}
