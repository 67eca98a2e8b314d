package org.elasticslurm.conf;

import java.util.OptionalInt;

/**
 * One element of SuspendExcNodes: a node set, optionally with a count ({@code nid[10-20]:4} keeps four of
 * them awake, chosen at each scan among the idle ones).
 *
 * @param nodes the node set
 * @param count how many of the set stay excluded; empty means all of them
 */
public record SuspendExclusion(Hostlist nodes, OptionalInt count) {
}
