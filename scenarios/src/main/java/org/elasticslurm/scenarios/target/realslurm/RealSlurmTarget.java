package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.elasticslurm.conf.PowerSaveSettings;
import org.elasticslurm.lab.process.CleanupOnExit;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.process.LabProcesses;
import org.elasticslurm.lab.real.ConfTemplate;
import org.elasticslurm.lab.real.Lab;
import org.elasticslurm.lab.real.LabPlacement;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.ScratchDirectories;
import org.elasticslurm.scenarios.target.SlurmctldVersion;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.target.lab.LabFiles;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * The targets that run Slurm's daemons as processes on this machine, driven through fake-slurmctld's reference
 * lab ({@link Lab}): {@code slurmctld -D}, one {@code slurmd -D -N NODE} per node on its own port (all on
 * 127.0.0.1), node states sampled from {@code scontrol show node}. Which daemons and commands run is decided by
 * {@link SlurmBinaries} alone:
 * <ul>
 * <li>{@link #debian()}: {@code real-slurm}, Debian's slurmctld and slurmd 22.05 with munge;</li>
 * <li>{@link #fakeRealtime()}: {@code fake-realtime}, fake-slurmctld's drop-in daemons and commands
 * ({@code fake-slurmctld/target/bin}) on the wall clock; no munge.</li>
 * </ul>
 * The hooks are the write-up's scripts ({@link HookScripts}), run by the lab's slurmctld in the environment
 * 22.05 gives them. Levels 0 and 1 and the failure paths without a provisioner run here; provisioner faults,
 * provisioner and libvirtd steps, a slurmctld restart and VM checks are reported not applicable.
 *
 * <p>Files: a scratch directory {@code PREFIX-PID-N} under {@code scratchParent} ({@link ScratchDirectories};
 * {@code esrs} for real-slurm, {@code esfr} for fake-realtime) holding {@code hooks/} (the programs slurm.conf
 * names as {@code $LAB/hooks/...}), {@code tools/} (the remote tool, the jobs' {@code hostname}) and the lab
 * directory ({@code $LAB}: slurm.conf, state, spool, logs, trace); removed when the session closes, and when the
 * JVM is ended by SIGTERM/SIGINT (with the lab's processes, by PID). Opening a lab first removes the scratch
 * directories (and ends the marked processes) of runs whose JVM is gone (SIGKILL).
 */
public final class RealSlurmTarget implements Target {

    private static final String HOOKS = "$LAB/hooks/";
    /** System property: {@code -Delastic-lab.keep-lab=true} keeps each run's files (printed path) to look into. */
    public static final String KEEP_PROPERTY = "elastic-lab.keep-lab";

    private final SlurmBinaries binaries;
    private final Path scratchParent;
    private final ScratchDirectories scratch;
    private final Clock clock;

    /**
     * @param binaries which daemons and commands run ({@link SlurmBinaries#debian()},
     *                 {@link SlurmBinaries#fakeDropIns()})
     * @param scratchParent where scratch directories go; keep it short (slurmd's socket paths under the lab's
     *                      spool directory may not exceed 107 bytes)
     * @param clock the lab's clock
     */
    public RealSlurmTarget(SlurmBinaries binaries, Path scratchParent, Clock clock) {
        this.binaries = binaries;
        this.scratchParent = scratchParent;
        this.scratch = new ScratchDirectories(scratchParent, scratchPrefix(binaries.kind()));
        this.clock = clock;
    }

    /** {@code real-slurm}: Debian's slurm-wlm in /usr/sbin and /usr/bin, scratch directories under /tmp. */
    public static RealSlurmTarget debian() {
        return new RealSlurmTarget(SlurmBinaries.debian(), Path.of("/tmp"), Clock.systemUTC());
    }

    /**
     * {@code fake-realtime}: fake-slurmctld's drop-ins where {@link SlurmBinaries#fakeDropIns()} finds them,
     * scratch directories under /tmp.
     */
    public static RealSlurmTarget fakeRealtime() {
        return new RealSlurmTarget(SlurmBinaries.fakeDropIns(), Path.of("/tmp"), Clock.systemUTC());
    }

    /**
     * real-slurm of {@code version}: this target when it runs that version, else one running the version's real
     * daemons ({@link SlurmBinaries#realSlurm}; their wrappers under the scratch parent). fake-realtime: its
     * drop-ins emulating the version ({@link SlurmBinaries#emulating}).
     *
     * @throws org.elasticslurm.scenarios.target.TargetUnavailableException when the version's root is missing
     */
    @Override
    public Target forVersion(org.elasticslurm.conf.SlurmVersion version, Map<String, String> env) {
        if (kind() == TargetKind.FAKE_REALTIME) {
            return binaries.emulatedVersion().equals(Optional.of(version)) ? this
                    : new RealSlurmTarget(binaries.emulating(version), scratchParent, clock);
        }
        if (binaries.realVersion().equals(Optional.of(version))) {
            return this;
        }
        return new RealSlurmTarget(SlurmBinaries.realSlurm(version, scratchParent, env), scratchParent,
                clock);
    }

    /** real-slurm: the first line of {@code slurmctld -V}, run as the lab runs it (empty if it does not answer). */
    @Override
    public Optional<String> slurmctldVersion() {
        return slurmctld().printed();
    }

    /**
     * real-slurm: a real slurmctld, with the first line of its {@code slurmctld -V} (run as the lab runs it) or why
     * that could not be read (no slurmctld, or it failed: e.g. a root that is gone or broken); fake-realtime:
     * emulated.
     */
    @Override
    public SlurmctldVersion slurmctld() {
        if (kind() != TargetKind.REAL_SLURM) {
            return new SlurmctldVersion.Emulated();
        }
        Optional<Path> exe = binaries.commands().find("slurmctld", null);
        if (exe.isEmpty()) {
            return new SlurmctldVersion.Unread("no slurmctld in " + binaries.commands().binDirs());
        }
        return SlurmctldVersion.read(exe.get());
    }

    /** The scratch directory prefix of a target's runs: {@code esrs} (real-slurm), {@code esfr} (fake-realtime). */
    static String scratchPrefix(TargetKind kind) {
        return kind == TargetKind.REAL_SLURM ? "esrs" : "esfr";
    }

    /** The binaries this target runs. */
    public SlurmBinaries binaries() {
        return binaries;
    }

    /** What this machine lacks to run the target (see {@link SlurmBinaries#missing()}), or empty. */
    public Optional<String> missing() {
        return binaries.missing();
    }

    @Override
    public TargetKind kind() {
        return binaries.kind();
    }

    @Override
    public Optional<String> cannotRun(Step.Action action) {
        if (action instanceof Step.InjectFault) {
            return Optional.of("faults act on the provisioner's backend, and " + kind() + " runs no provisioner "
                    + "(its hooks are the write-up's scripts)");
        }
        Component c = action instanceof Step.Stop s ? s.component()
                : action instanceof Step.Restart r ? r.component() : null;
        if (c == null || c == Component.SLURMD) {
            return Optional.empty();
        }
        return Optional.of(switch (c) {
            case SLURMCTLD -> "the reference lab keeps one slurmctld for the whole run (it has no stop/restart)";
            case PROVISIONER -> kind() + " runs no provisioner (its hooks are the write-up's scripts)";
            case LIBVIRTD -> kind() + " runs no libvirtd (its nodes are slurmd processes on this machine)";
            default -> kind() + " cannot " + action.describe();
        });
    }

    @Override
    public Optional<String> cannotCheck(Expectation expectation) {
        if (expectation instanceof Expectation.NoVmLeft) {
            return Optional.of(kind() + " runs no VMs (its nodes are slurmd processes on this machine)");
        }
        return Optional.empty();
    }

    /**
     * Removes what runs of this target whose JVM is gone left behind: their marked processes (by PID) and their
     * scratch directories. Called by {@link #open}.
     *
     * @return the scratch directories removed
     */
    public List<Path> sweepLeftovers() {
        return scratch.sweep(RealSlurmTarget::stopLabProcesses);
    }

    /** SIGKILLs the processes marked as belonging to a lab directory inside {@code scratchDir}. */
    private static void stopLabProcesses(Path scratchDir) {
        try (Stream<Path> entries = Files.list(scratchDir)) {
            for (Path lab : (Iterable<Path>) entries::iterator) {
                if (Files.isDirectory(lab)) {
                    new LabProcesses(lab).sweepMarked();
                }
            }
        } catch (IOException e) {
            throw new TargetException("cannot list " + scratchDir + " for the labs of an ended run", e);
        }
    }

    @Override
    public TargetSession open(LoadedScenario loaded, ProgressListener progress) {
        missing().ifPresent(why -> {
            throw new TargetUnavailableException(kind(), why);
        });
        Scenario scenario = loaded.scenario();
        scenario.hooks().forEach((role, spec) -> {
            if (spec instanceof HookSpec.Preset p && p.preset() == HookPreset.PROVISIONER) {
                throw new TargetException(scenario.name() + ": the " + role + " hook is the provisioner's client, "
                        + "and " + kind() + " runs no provisioner (Levels 2 and 3 run on libvirt-test and qemu)",
                        null);
            }
        });
        sweepLeftovers();
        Path dir = scratch.create();
        Runnable cleanup = () -> ScratchDirectories.delete(dir);
        // until the session exists: the lab's own shutdown hook ends its processes, this removes the directory
        CleanupOnExit onExit = CleanupOnExit.register(kind() + " scratch " + dir, cleanup);
        try {
            HookScripts scripts = new HookScripts(dir.resolve("tools"), binaries);
            scripts.writeTools();
            installHooks(scenario, loaded.slurmConf().powerSave(), dir.resolve("hooks"), scripts);
            ConfTemplate template = new ConfTemplate(scenario.name() + " slurm.conf",
                    LabFiles.slurmConfText(scenario).replace(HOOKS, dir.resolve("hooks") + "/")
                            .replace("$CTLD_ADDR", "127.0.0.1"));
            long t0 = System.nanoTime();
            Lab lab = Lab.start(binaries.commands(), template, List.of(), placement(dir), clock);
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            Stage stage = new Stage("", "slurmctld started, answering scontrol ping", Duration.ZERO, startup);
            try {
                RealSlurmSession session = new RealSlurmSession(kind(), lab, scripts,
                        binaries.commands().require("scontrol", null).toString(), List.of(stage), cleanup,
                        Boolean.getBoolean(KEEP_PROPERTY));
                onExit.close(); // the session has registered its own
                session.startSampling();
                return session;
            } catch (RuntimeException e) {
                lab.close();
                throw e;
            }
        } catch (IOException | LabException | UncheckedIOException e) {
            cleanup.run();
            onExit.close();
            throw new TargetException(scenario.name() + ": cannot set up the " + kind() + " lab: " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            cleanup.run();
            onExit.close();
            throw e;
        }
    }

    /** The lab in {@code dir}, its ports from {@code -Ddifferential.ports=FIRST-LAST} if set, else any free ones. */
    private static LabPlacement placement(Path dir) {
        String range = System.getProperty(LabPlacement.PORTS_PROPERTY, "");
        return new LabPlacement(dir, range.isBlank() ? Optional.empty() : Optional.of(range));
    }

    private void installHooks(Scenario scenario, PowerSaveSettings settings, Path hooksDir, HookScripts scripts)
            throws IOException {
        for (Map.Entry<HookRole, HookSpec> e : scenario.hooks().entrySet()) {
            Optional<String> configured = e.getKey().program(settings);
            if (configured.isEmpty() || !configured.get().startsWith(HOOKS)
                    || e.getValue() instanceof HookSpec.Absent) {
                continue; // never written outside the lab, nor when absent: slurmctld checks the file as it is
            }
            Path file = hooksDir.resolve(configured.get().substring(HOOKS.length()));
            int mode = e.getValue().mode().orElse(0755);
            if (e.getValue() instanceof HookSpec.Preset p) {
                scripts.writePreset(file, e.getKey(), p.preset(), mode);
            } else {
                scripts.writeSiteProgram(file, e.getKey(), ((HookSpec.Program) e.getValue()).path(), mode);
            }
        }
    }
}
