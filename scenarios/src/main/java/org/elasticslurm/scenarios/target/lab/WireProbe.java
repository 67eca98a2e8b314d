package org.elasticslurm.scenarios.target.lab;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.fake.api.DropInController;

/** fake-slurmctld's controller asked over its own wire protocol on loopback (no command started per sample). */
public final class WireProbe implements ControllerProbe {
    private final DropInController client;

    /** @param controller where the fake slurmctld listens */
    public WireProbe(InetSocketAddress controller) {
        this.client = new DropInController(controller, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** Whether the controller answers now. */
    public boolean answers() {
        return client.answers();
    }

    @Override
    public Map<String, NodeState> nodeStates() {
        Map<String, NodeState> out = new LinkedHashMap<>();
        client.nodeStateWords().forEach((name, word) -> out.put(name, NodeState.ofWord(word)));
        return out;
    }

    @Override
    public Map<Long, String> jobs() {
        return client.jobStates();
    }
}
