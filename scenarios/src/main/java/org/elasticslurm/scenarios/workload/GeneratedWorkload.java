package org.elasticslurm.scenarios.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated workload: Poisson arrivals (exponential gaps with the given mean), uniform node counts and run
 * times, from a seeded random source so the same spec gives the same jobs.
 *
 * @param jobs how many jobs
 * @param meanInterval mean time between submits
 * @param minNodes fewest nodes a job asks for
 * @param maxNodes most nodes a job asks for
 * @param minRuntime shortest run time
 * @param maxRuntime longest run time
 * @param cpusPerNode processors per node requested by a job (whole nodes)
 * @param seed the random seed
 */
public record GeneratedWorkload(int jobs, Duration meanInterval, int minNodes, int maxNodes, Duration minRuntime,
                                Duration maxRuntime, int cpusPerNode, long seed) {

    /** The jobs. */
    public Workload generate(String source) {
        SplittableRandom random = new SplittableRandom(seed);
        List<WorkloadJob> out = new ArrayList<>();
        long at = 0;
        for (int i = 1; i <= jobs; i++) {
            at += Math.round(-Math.log(1 - random.nextDouble()) * meanInterval.toMillis());
            int nodes = random.nextInt(minNodes, maxNodes + 1);
            long run = minRuntime.toMillis() == maxRuntime.toMillis() ? minRuntime.toMillis()
                    : random.nextLong(minRuntime.toMillis(), maxRuntime.toMillis() + 1);
            out.add(new WorkloadJob(i, Duration.ofMillis(at), Duration.ofMillis(run), nodes * cpusPerNode,
                    Duration.ofMillis(run)));
        }
        return new Workload(source, out);
    }
}
