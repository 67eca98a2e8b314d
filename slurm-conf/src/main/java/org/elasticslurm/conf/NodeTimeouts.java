package org.elasticslurm.conf;

import java.time.Duration;

/**
 * The power-save timeouts that apply to one node: per timeout, the maximum over the node's partitions that
 * set it, else the global value (INFINITE wins the maximum).
 */
public record NodeTimeouts(TimeoutValue suspendTime, Duration suspendTimeout, Duration resumeTimeout) {
}
