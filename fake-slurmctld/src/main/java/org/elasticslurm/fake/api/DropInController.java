package org.elasticslurm.fake.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.JobListing;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.NodeListing;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.WireClient;

/**
 * A running drop-in {@code slurmctld} asked over its own wire protocol (no command started per question).
 */
public final class DropInController {

    private final WireClient client;

    /**
     * @param address where the drop-in slurmctld listens (SlurmctldHost, SlurmctldPort)
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for an answer
     */
    public DropInController(InetSocketAddress address, Duration connectTimeout, Duration readTimeout) {
        this.client = new WireClient(address, connectTimeout, readTimeout);
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

    /**
     * Every node's state word (slurm-conf's {@code NodeState.ofWord}), by name, in the controller's order.
     *
     * @throws RuntimeException when the controller cannot be reached or answers with an error
     */
    public Map<String, Integer> nodeStateWords() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (NodeInfo n : NodeListing.fromJson(client.get(Routes.NODES).object("listing")).nodes()) {
            out.put(n.name(), n.stateWord());
        }
        return out;
    }

    /**
     * Every job's state as squeue's long form names it, by job id.
     *
     * @throws RuntimeException when the controller cannot be reached or answers with an error
     */
    public Map<Long, String> jobStates() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (JobInfo j : JobListing.fromJson(client.get(Routes.JOBS).object("listing")).jobs()) {
            out.put(j.id(), j.state());
        }
        return out;
    }
}
