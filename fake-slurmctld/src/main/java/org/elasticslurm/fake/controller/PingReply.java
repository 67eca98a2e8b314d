package org.elasticslurm.fake.controller;

/**
 * slurmd's answer to REQUEST_PING.
 *
 * @param cpuLoad CPU load (x100)
 * @param freeMemMb free memory in MB
 */
public record PingReply(long cpuLoad, long freeMemMb) {
}
