package org.elasticslurm.fake.sim.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.PowerSaveVerdict;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.controller.ControllerOptions;
import org.elasticslurm.fake.controller.ControllerPorts;
import org.elasticslurm.fake.controller.LogRecord;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.hook.RecordingHookRunner;
import org.elasticslurm.fake.sim.EventKernel;

/**
 * A whole simulated Slurm on the virtual clock, ready to drive: the controller for a slurm.conf, recorded hook
 * calls, simulated slurmds and, optionally, a simulated cloud that boots a resumed node's slurmd after a delay.
 * Everything runs in the caller's thread when it advances {@link #kernel()}.
 */
public final class VirtualSlurm {

    private final EventKernel kernel;
    private final RecordingHookRunner hooks;
    private final SimulatedCluster cluster;
    private final SlurmController controller;
    private final List<LogRecord> log;

    private VirtualSlurm(EventKernel kernel, RecordingHookRunner hooks, SimulatedCluster cluster,
                         SlurmController controller, List<LogRecord> log) {
        this.kernel = kernel;
        this.hooks = hooks;
        this.cluster = cluster;
        this.controller = controller;
        this.log = log;
    }

    /** Starts building one for a parsed slurm.conf. */
    public static Builder of(SlurmConf conf) {
        return new Builder(conf);
    }

    /** The clock and event queue. */
    public EventKernel kernel() {
        return kernel;
    }

    /** The recorded hook calls (set behaviours and listeners here). */
    public RecordingHookRunner hooks() {
        return hooks;
    }

    /** The simulated slurmds. */
    public SimulatedCluster cluster() {
        return cluster;
    }

    /** The controller (started). */
    public SlurmController controller() {
        return controller;
    }

    /** The controller's log so far. */
    public List<LogRecord> log() {
        return List.copyOf(log);
    }

    /** Builds a {@link VirtualSlurm}. */
    public static final class Builder {
        private final SlurmConf conf;
        private PowerSaveVerdict verdict;
        private Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private long seed = 1;
        private Function<String, Duration> bootDelay;
        private int cpus = 1;
        private long realMemory = 1;
        private Path workingDirectory;

        private Builder(SlurmConf conf) {
            this.conf = Objects.requireNonNull(conf, "conf");
        }

        /** The power-save verdict (default: the hook program rules checked on this machine). */
        public Builder verdict(PowerSaveVerdict value) {
            this.verdict = value;
            return this;
        }

        /** When the controller starts (default 2026-01-01T00:00:00Z). */
        public Builder start(Instant value) {
            this.start = value;
            return this;
        }

        /** The seed of the run's randomness. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Simulates a working ResumeProgram/SuspendProgram: a resumed node's slurmd starts (fresh boot time) after
         * {@code delay}; a suspended node's slurmd stops. Without this, nodes boot only when told to.
         */
        public Builder cloud(Function<String, Duration> delay, int slurmdCpus, long slurmdRealMemory) {
            this.bootDelay = delay;
            this.cpus = slurmdCpus;
            this.realMemory = slurmdRealMemory;
            return this;
        }

        /** The controller's working directory (default: the directory of slurm.conf). */
        public Builder workingDirectory(Path value) {
            this.workingDirectory = value;
            return this;
        }

        /** Builds and starts the controller. */
        public VirtualSlurm start() {
            EventKernel kernel = new EventKernel(start, seed);
            RecordingHookRunner hooks = new RecordingHookRunner(kernel, 1000);
            SimulatedCluster cluster = new SimulatedCluster(kernel, start.minus(Duration.ofDays(1)));
            if (bootDelay != null) {
                SimulatedCloud cloud = new SimulatedCloud(kernel, cluster, bootDelay, cpus, realMemory);
                hooks.onStart(cloud::onHook);
            }
            List<LogRecord> log = new ArrayList<>();
            Path dir = workingDirectory != null ? workingDirectory
                    : conf.source().toAbsolutePath().getParent();
            PowerSaveVerdict v = verdict != null ? verdict : new HookProgramRules().verdict(conf);
            SlurmController controller = new SlurmController(conf, v, kernel,
                    new ControllerPorts(hooks, cluster, cluster, log::add), ControllerOptions.of(conf.source(), dir));
            cluster.attach(controller);
            controller.start();
            return new VirtualSlurm(kernel, hooks, cluster, controller, log);
        }
    }
}
