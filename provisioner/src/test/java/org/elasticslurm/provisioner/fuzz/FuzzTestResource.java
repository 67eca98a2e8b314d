package org.elasticslurm.provisioner.fuzz;

import java.util.HashMap;
import java.util.Map;
import org.elasticslurm.provisioner.testing.ProvisionerTestResource;

/** The usual test world with 10 ms sim boots, so the fuzz test waits little for the requests it gets accepted. */
public class FuzzTestResource extends ProvisionerTestResource {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("provisioner.sim.boot-delay", "0.01s");
        config.put("provisioner.address-poll-interval", "0.005s");
        return config;
    }
}
