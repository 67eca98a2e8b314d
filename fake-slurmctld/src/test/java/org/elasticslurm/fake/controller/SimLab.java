package org.elasticslurm.fake.controller;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.hook.RecordingHookRunner;
import org.elasticslurm.fake.sim.EventKernel;
import org.elasticslurm.fake.sim.cluster.SimulatedCluster;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;

/**
 * A controller on the virtual clock with real hook files (so the program rules check real permissions), recorded
 * hook calls, simulated slurmds and a captured log. Scenario time 0 is {@link #EPOCH}; the controller started
 * {@code startedBefore} earlier.
 */
final class SimLab {

    static final Instant EPOCH = Instant.parse("2026-11-28T15:40:00Z");

    final Path dir;
    final EventKernel kernel;
    final RecordingHookRunner hooks;
    final SimulatedCluster cluster;
    final List<LogRecord> log = new ArrayList<>();
    final SlurmConf conf;
    final SlurmController controller;
    private final SlurmVersion version;

    private SimLab(Path dir, SlurmConf conf, Duration startedBefore, Duration powerOffset, Duration backgroundOffset,
                   SlurmVersion version, long monotonicStart) {
        this.dir = dir;
        this.conf = conf;
        this.version = version;
        this.kernel = new EventKernel(EPOCH.minus(startedBefore), 7);
        this.hooks = new RecordingHookRunner(kernel, 4000);
        this.cluster = new SimulatedCluster(kernel, EPOCH.minus(Duration.ofDays(3)));
        ControllerOptions options = ControllerOptions.of(conf.source(), dir)
                .withTickOffsets(powerOffset, backgroundOffset).withVersion(version)
                .withMonotonicStart(monotonicStart);
        this.controller = SlurmController.checkingPrograms(conf, kernel,
                new ControllerPorts(hooks, cluster, cluster, log::add), options);
        cluster.attach(controller);
    }

    /** Builds a lab from a slurm.conf text with {@code $LAB} and {@code $HOST}; hooks get {@code hookModes}. */
    static Builder conf(Path dir, String confText) {
        return new Builder(dir, confText);
    }

    static String resource(String name) {
        try (InputStream in = SimLab.class.getResourceAsStream("traces/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource traces/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Builder {
        private final Path dir;
        private final String text;
        private String resumeMode = "rwxr-xr-x";
        private Duration startedBefore = Duration.ofMillis(10_200);
        private Duration powerOffset = Duration.ofSeconds(1);
        private Duration backgroundOffset = Duration.ofSeconds(1);
        private SlurmVersion version = SlurmVersion.V22_05;
        private long monotonicStart;

        private Builder(Path dir, String text) {
            this.dir = dir;
            this.text = text;
        }

        Builder resumeMode(String mode) {
            this.resumeMode = mode;
            return this;
        }

        /** The controller starts this long before scenario time 0. */
        Builder startedBefore(Duration d) {
            this.startedBefore = d;
            return this;
        }

        /** When the power-save and background threads first wake after the start (then every second). */
        Builder tickOffsets(Duration power, Duration background) {
            this.powerOffset = power;
            this.backgroundOffset = background;
            return this;
        }

        /** The Slurm version whose behaviour the controller emulates (22.05 unless set). */
        Builder version(SlurmVersion v) {
            this.version = v;
            return this;
        }

        /** CLOCK_MONOTONIC in milliseconds when the controller starts (0 unless set). */
        Builder monotonicStart(long millis) {
            this.monotonicStart = millis;
            return this;
        }

        SimLab start() {
            try {
                Path hooksDir = Files.createDirectories(dir.resolve("hooks"));
                writeHook(hooksDir.resolve("suspend"), "rwxr-xr-x");
                writeHook(hooksDir.resolve("resume"), resumeMode);
                writeHook(hooksDir.resolve("resumefail"), "rwxr-xr-x");
                Path confFile = dir.resolve("slurm.conf");
                Files.writeString(confFile, text.replace("$LAB", dir.toString()).replace("$HOST", "labhost"));
                SlurmConf conf = new SlurmConfParser(version).parse(confFile);
                SimLab lab = new SimLab(dir, conf, startedBefore, powerOffset, backgroundOffset, version,
                        monotonicStart);
                lab.controller.start();
                return lab;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void writeHook(Path path, String mode) throws IOException {
            Files.writeString(path, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }

    /** Scenario time t (seconds after {@link #EPOCH}). */
    static Instant at(double seconds) {
        return EPOCH.plusMillis(Math.round(seconds * 1000));
    }

    /** Seconds after EPOCH of an instant. */
    static double t(Instant instant) {
        return Duration.between(EPOCH, instant).toMillis() / 1000.0;
    }

    void runUntil(double seconds) {
        kernel.runUntil(at(seconds));
    }

    /** Runs to scenario time t and does something there. */
    void at(double seconds, Runnable action) {
        runUntil(seconds);
        action.run();
    }

    String state(String node) {
        return controller.nodeIncludingHidden(node).orElseThrow().state();
    }

    NodeView view(String node) {
        return controller.nodeIncludingHidden(node).orElseThrow();
    }

    SimulatedSrun srun(String nodes, String... command) {
        return new SimulatedSrun(controller, kernel, (int) conf.powerSave().suspendTimeout().toSeconds(),
                (int) conf.powerSave().resumeTimeout().toSeconds(), SlurmBehaviour.of(version))
                .run(org.elasticslurm.fake.job.JobRequest.srun(nodes, List.of(command)));
    }

    void startSlurmd(String node, SlurmdStart mode) {
        cluster.startSlurmd(node, mode, conf.node(node).orElseThrow().cpus(),
                conf.node(node).orElseThrow().realMemory());
    }

    List<HookCall> calls(HookKind kind) {
        return hooks.calls(kind);
    }

    List<String> logLines() {
        return log.stream().map(LogRecord::line).toList();
    }

    /** Samples a node's State= every {@code stepMillis} until {@code until}, recording each change. */
    List<StateChange> record(String node, double until, long stepMillis) {
        List<StateChange> changes = new ArrayList<>();
        Instant end = at(until);
        String last = null;
        while (!kernel.now().isAfter(end)) {
            String s = state(node);
            if (!s.equals(last)) {
                changes.add(new StateChange(t(kernel.now()), s));
                last = s;
            }
            Instant next = kernel.now().plusMillis(stepMillis);
            if (next.isAfter(end)) {
                break;
            }
            kernel.runUntil(next);
        }
        return changes;
    }

    record StateChange(double time, String state) {
    }

    Optional<LogRecord> firstLog(String containing) {
        return log.stream().filter(r -> r.line().contains(containing)).findFirst();
    }
}
