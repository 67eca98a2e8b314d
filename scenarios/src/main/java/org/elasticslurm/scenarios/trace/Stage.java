package org.elasticslurm.scenarios.trace;

import java.time.Duration;

/**
 * A stage of a real run (VM created, address known, post-config done, slurmd registered ...), for reports.
 *
 * @param node the node it concerns, or empty text for the whole run
 * @param name what happened
 * @param start scenario time it started
 * @param duration how long it took
 */
public record Stage(String node, String name, Duration start, Duration duration) {
}
