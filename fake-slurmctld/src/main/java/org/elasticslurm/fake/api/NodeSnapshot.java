package org.elasticslurm.fake.api;

import java.util.Optional;

/**
 * A node as {@code scontrol show node} shows it at one moment.
 *
 * @param name NodeName
 * @param state State=, e.g. {@code IDLE+CLOUD+POWERED_DOWN}
 * @param nodeAddr NodeAddr=
 * @param reason Reason=, if any
 */
public record NodeSnapshot(String name, String state, String nodeAddr, Optional<String> reason) {
}
