package org.elasticslurm.scenarios.target.provisioned;

import java.util.Optional;

/**
 * A node as the provisioner's {@code GET /v1/nodes} shows it.
 *
 * @param name node name
 * @param phase POWERED_DOWN, CREATING, BOOTING, CONFIGURING, READY, DESTROYING or FAILED
 * @param address the machine's address, once known
 * @param backendId the machine's backend id, when one exists
 * @param lastError the last failure
 */
public record ProvisionedNode(String name, String phase, Optional<String> address, Optional<String> backendId,
                              Optional<String> lastError) {

    /** Whether a machine exists for the node (anything but powered down or failed-and-released). */
    public boolean hasMachine() {
        return !phase.equals("POWERED_DOWN") && !phase.equals("FAILED");
    }
}
