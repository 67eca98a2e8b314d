package org.elasticslurm.scenarios.target.lab;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.JobListing;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.NodeListing;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.WireClient;

/** fake-slurmctld's controller asked over its own wire protocol on loopback (no command started per sample). */
public final class WireProbe implements ControllerProbe {
    private final WireClient client;

    /** @param controller where the fake slurmctld listens */
    public WireProbe(InetSocketAddress controller) {
        this.client = new WireClient(controller, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** Whether the controller answers now. */
    public boolean answers() {
        try {
            client.get(Routes.PING);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Map<String, NodeState> nodeStates() {
        Map<String, NodeState> out = new LinkedHashMap<>();
        for (NodeInfo n : NodeListing.fromJson(client.get(Routes.NODES).object("listing")).nodes()) {
            out.put(n.name(), NodeState.ofWord(n.stateWord()));
        }
        return out;
    }

    @Override
    public Map<Long, String> jobs() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (JobInfo j : JobListing.fromJson(client.get(Routes.JOBS).object("listing")).jobs()) {
            out.put(j.id(), j.state());
        }
        return out;
    }
}
