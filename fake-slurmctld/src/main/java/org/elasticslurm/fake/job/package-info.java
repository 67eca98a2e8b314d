/**
 * The job model's public types: what clients submit ({@link org.elasticslurm.fake.job.JobRequest}), what they
 * see ({@link org.elasticslurm.fake.job.JobView}, squeue's PD/CF/R/CG codes), what an srun client hears
 * ({@link org.elasticslurm.fake.job.JobListener}), how nodes are chosen
 * ({@link org.elasticslurm.fake.job.NodeSelector}: by Weight, powered-down nodes last), and the port through which
 * work runs on nodes ({@link org.elasticslurm.fake.job.JobLauncher}).
 */
package org.elasticslurm.fake.job;
