package org.elasticslurm.fake.api;

/** What a simulated power-save program does when slurmctld starts it (called on the clock's thread). */
@FunctionalInterface
public interface HookProgram {

    /**
     * @param argv0 the program as slurmctld started it
     * @param hostlist its argument: the nodes, as a hostlist expression
     * @return how long it runs and how it exits
     */
    HookRun started(String argv0, String hostlist);
}
