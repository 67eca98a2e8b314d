/**
 * The world around a simulated controller: slurmd daemons that register with a boot time, answer pings and run
 * work for a simulated duration ({@link org.elasticslurm.fake.sim.cluster.SimulatedCluster}), a cloud whose nodes
 * boot after a delay when resumed ({@link org.elasticslurm.fake.sim.cluster.SimulatedCloud}), an srun client
 * that waits for booting nodes as 22.05's srun does ({@link org.elasticslurm.fake.sim.cluster.SimulatedSrun}),
 * and all of it assembled on the virtual clock ({@link org.elasticslurm.fake.sim.cluster.VirtualSlurm}).
 */
package org.elasticslurm.fake.sim.cluster;
