package org.elasticslurm.fake.sim.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.elasticslurm.fake.controller.PingReply;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.controller.SlurmdChannel;
import org.elasticslurm.fake.controller.SlurmdRegistration;
import org.elasticslurm.fake.job.JobCompletion;
import org.elasticslurm.fake.job.JobLaunch;
import org.elasticslurm.fake.job.JobLauncher;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * Simulated slurmd daemons for a virtual-time run: they register with a boot time, answer pings and
 * registration requests, run work for a simulated duration and complete epilogs. Nodes without a running slurmd
 * answer nothing.
 */
public final class SimulatedCluster implements SlurmdChannel, JobLauncher {

    private static final int PRIORITY = 10;

    private final Scheduler scheduler;
    private final Instant machineBoot;
    private final Map<String, Slurmd> slurmds = new HashMap<>();
    private SlurmController controller;
    private Function<JobLaunch, SimulatedRun> workload = SimulatedCluster::defaultRun;
    private Duration messageLatency = Duration.ofMillis(50);
    private Duration epilogLatency = Duration.ofMillis(20);

    private record Slurmd(SlurmdStart mode, Instant started, int cpus, long realMemory) {
    }

    /**
     * @param scheduler the simulation clock
     * @param machineBoot when the simulated machines booted (what a plain slurmd reports)
     */
    public SimulatedCluster(Scheduler scheduler, Instant machineBoot) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.machineBoot = Objects.requireNonNull(machineBoot, "machineBoot");
    }

    /** Connects the slurmds to the controller they register with. */
    public void attach(SlurmController target) {
        this.controller = target;
    }

    /** How work behaves (default: 50 ms, exit 0, {@code hostname} prints the node name). */
    public void workload(Function<JobLaunch, SimulatedRun> behaviour) {
        this.workload = behaviour;
    }

    /** Delay of every message between slurmd and the controller (default 50 ms). */
    public void messageLatency(Duration latency) {
        this.messageLatency = latency;
    }

    /** Time an epilog takes (default 20 ms). */
    public void epilogLatency(Duration latency) {
        this.epilogLatency = latency;
    }

    /** Starts slurmd on a node now; it registers after the message latency. */
    public void startSlurmd(String node, SlurmdStart mode, int cpus, long realMemory) {
        Slurmd d = new Slurmd(mode, scheduler.now(), cpus, realMemory);
        slurmds.put(node, d);
        scheduler.scheduleAfter(messageLatency, PRIORITY, () -> register(node, d));
    }

    /** Stops the slurmd of a node (it answers nothing any more). */
    public void stopSlurmd(String node) {
        slurmds.remove(node);
    }

    /** Whether a slurmd runs on the node. */
    public boolean isRunning(String node) {
        return slurmds.containsKey(node);
    }

    private void register(String node, Slurmd d) {
        if (controller == null || slurmds.get(node) != d) {
            return;
        }
        long now = scheduler.nowMillis() / 1000;
        long upTime = d.mode == SlurmdStart.FRESH_BOOT
                ? now - d.started.getEpochSecond() + 1
                : Math.max(0, now - machineBoot.getEpochSecond());
        controller.registerSlurmd(new SlurmdRegistration(node, upTime, d.started, d.cpus, d.realMemory, node,
                Optional.of("127.0.0.1"), 0, d.realMemory));
    }

    @Override
    public void ping(String node, Consumer<Optional<PingReply>> reply) {
        Slurmd d = slurmds.get(node);
        scheduler.scheduleAfter(messageLatency, PRIORITY,
                () -> reply.accept(d != null && slurmds.get(node) == d
                        ? Optional.of(new PingReply(0, d.realMemory)) : Optional.empty()));
    }

    @Override
    public void requestRegistration(String node, Consumer<Boolean> delivered) {
        Slurmd d = slurmds.get(node);
        if (d == null) {
            scheduler.scheduleAfter(messageLatency, PRIORITY, () -> delivered.accept(false));
            return;
        }
        scheduler.scheduleAfter(messageLatency, PRIORITY, () -> {
            delivered.accept(true);
            register(node, d);
        });
    }

    @Override
    public void launch(JobLaunch launch, Consumer<JobCompletion> onFinished) {
        SimulatedRun run = workload.apply(launch);
        scheduler.scheduleAfter(messageLatency.plus(run.duration()), PRIORITY,
                () -> onFinished.accept(new JobCompletion(run.exitCode(), run.output())));
    }

    @Override
    public void terminate(long jobId, List<String> nodes, Consumer<String> onEpilogComplete) {
        for (String node : nodes) {
            Slurmd d = slurmds.get(node);
            if (d == null) {
                continue;
            }
            scheduler.scheduleAfter(messageLatency.plus(epilogLatency), PRIORITY, () -> {
                if (slurmds.get(node) == d) {
                    onEpilogComplete.accept(node);
                }
            });
        }
    }

    private static SimulatedRun defaultRun(JobLaunch launch) {
        String output = "";
        if (!launch.command().isEmpty() && launch.command().get(0).endsWith("hostname")) {
            output = String.join("\n", launch.nodes()) + "\n";
        }
        return new SimulatedRun(Duration.ofMillis(50), 0, output);
    }
}
