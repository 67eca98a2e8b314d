package org.elasticslurm.scenarios.sim;

import java.time.Duration;

/**
 * What a workload did to an elastic configuration on sim.
 *
 * @param simulated scenario time simulated (until the last job ended and its nodes were powered down)
 * @param bootTime the boot time modelled (resume call to slurmd registration)
 * @param submitted jobs submitted
 * @param completed jobs that ended COMPLETED
 * @param failed jobs that ended otherwise (NODE_FAIL, FAILED, ...)
 * @param rejected jobs the controller refused at submission (e.g. more nodes than the partition has)
 * @param unfinished jobs still pending or running when the simulation stopped
 * @param nodes nodes in the configuration
 * @param nodeHoursPowered node-hours the nodes were not powered down (booting and powering down included)
 * @param resumes nodes woken (summed over ResumeProgram calls)
 * @param failedResumes nodes marked down because they were not resumed by ResumeTimeout
 * @param bootWaitJobs jobs that waited for nodes to boot
 * @param meanBootWait mean wait of those jobs between getting their nodes and starting
 * @param maxBootWait the longest such wait
 * @param bootWaitHours sum of those waits, in hours
 * @param meanQueueWait mean time from submission to start over all started jobs
 */
public record SimulationReport(Duration simulated, Duration bootTime, int submitted, int completed, int failed,
                               int rejected, int unfinished, int nodes, double nodeHoursPowered, int resumes,
                               int failedResumes, int bootWaitJobs, Duration meanBootWait, Duration maxBootWait,
                               double bootWaitHours, Duration meanQueueWait) {

    /** Node-hours if every node were always on for the simulated time. */
    public double nodeHoursAlwaysOn() {
        return nodes * simulated.toMillis() / 3_600_000.0;
    }
}
