/**
 * The simulation kernel: events are lambdas ordered by (time, priority, sequence) on a clock that is either
 * virtual ({@link org.elasticslurm.fake.sim.EventKernel}, synchronous in the caller's thread: a simulated day
 * runs in seconds) or the wall clock ({@link org.elasticslurm.fake.sim.RealTimeDriver}, one thread running each
 * event when due; other threads post work into it). Components written against
 * {@link org.elasticslurm.fake.sim.Scheduler} run unchanged on both.
 */
package org.elasticslurm.fake.sim;
