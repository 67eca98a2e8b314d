package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.elasticslurm.conf.PowerSaveSettings;
import org.elasticslurm.fake.reference.ConfTemplate;
import org.elasticslurm.fake.reference.Lab;
import org.elasticslurm.fake.reference.LabException;
import org.elasticslurm.fake.reference.SlurmCommands;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.SlurmConfSource;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.run.ProgressListener;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * The {@code real-slurm} target: Debian's slurmctld and slurmd 22.05 with munge on this machine, driven through
 * fake-slurmctld's reference lab ({@link Lab}): {@code slurmctld -D}, one {@code slurmd -D -N NODE} per node on
 * its own port (all on 127.0.0.1), node states sampled from {@code scontrol show node} every 0.5 s. The hooks are
 * the write-up's scripts ({@link HookScripts}), run by the real slurmctld in the environment it gives them. Levels
 * 0 and 1 and the failure paths without a provisioner run here; provisioner faults, provisioner and libvirtd
 * steps, a slurmctld restart and VM checks are reported not applicable.
 *
 * <p>Files: a scratch directory under {@code scratchParent} holding {@code hooks/} (the programs slurm.conf names
 * as {@code $LAB/hooks/...}), {@code tools/} (the remote tool, the jobs' {@code hostname}) and the lab directory
 * ({@code $LAB}: slurm.conf, state, spool, logs, trace); removed when the session closes.
 */
public final class RealSlurmTarget implements Target {

    private static final String MUNGE_SOCKET = "/run/munge/munge.socket.2";
    private static final String HOOKS = "$LAB/hooks/";
    /** System property: {@code -Delastic-lab.keep-lab=true} keeps each run's files (printed path) to look into. */
    public static final String KEEP_PROPERTY = "elastic-lab.keep-lab";

    private final SlurmCommands commands;
    private final Path scratchParent;
    private final Clock clock;

    /**
     * @param commands where the daemons and commands are ({@link SlurmCommands#debian()})
     * @param scratchParent where scratch directories go; keep it short (slurmd's socket paths under the lab's
     *                      spool directory may not exceed 107 bytes)
     * @param clock the lab's clock
     */
    public RealSlurmTarget(SlurmCommands commands, Path scratchParent, Clock clock) {
        this.commands = commands;
        this.scratchParent = scratchParent;
        this.clock = clock;
    }

    /** Debian's slurm-wlm in /usr/sbin and /usr/bin, scratch directories under /tmp, the system clock. */
    public static RealSlurmTarget debian() {
        return new RealSlurmTarget(SlurmCommands.debian(), Path.of("/tmp"), Clock.systemUTC());
    }

    /** What this machine lacks to run the target (Debian's slurm-wlm, a running munged), or empty. */
    public Optional<String> missing() {
        List<String> lacking = new ArrayList<>();
        for (String exe : List.of("slurmctld", "slurmd", "scontrol", "srun")) {
            if (commands.find(exe, null).isEmpty()) {
                lacking.add(exe + " (in " + commands.binDirs() + ")");
            }
        }
        if (!Files.exists(Path.of(MUNGE_SOCKET))) {
            lacking.add("a running munged (no " + MUNGE_SOCKET + "; bash ci/start-munge.sh)");
        }
        return lacking.isEmpty() ? Optional.empty()
                : Optional.of("real-slurm needs Debian's slurm-wlm and munge: missing " + String.join(", ", lacking));
    }

    @Override
    public TargetKind kind() {
        return TargetKind.REAL_SLURM;
    }

    @Override
    public Optional<String> cannotRun(Step.Action action) {
        if (action instanceof Step.InjectFault) {
            return Optional.of("faults act on the provisioner's backend, and real-slurm runs no provisioner "
                    + "(its hooks are the write-up's scripts)");
        }
        Component c = action instanceof Step.Stop s ? s.component()
                : action instanceof Step.Restart r ? r.component() : null;
        if (c == null || c == Component.SLURMD) {
            return Optional.empty();
        }
        return Optional.of(switch (c) {
            case SLURMCTLD -> "the reference lab keeps one slurmctld for the whole run (it has no stop/restart)";
            case PROVISIONER -> "real-slurm runs no provisioner (its hooks are the write-up's scripts)";
            case LIBVIRTD -> "real-slurm runs no libvirtd (its nodes are slurmd processes on this machine)";
            default -> "real-slurm cannot " + action.describe();
        });
    }

    @Override
    public Optional<String> cannotCheck(Expectation expectation) {
        if (expectation instanceof Expectation.NoVmLeft) {
            return Optional.of("real-slurm runs no VMs (its nodes are slurmd processes on this machine)");
        }
        return Optional.empty();
    }

    @Override
    public TargetSession open(LoadedScenario loaded, ProgressListener progress) {
        missing().ifPresent(why -> {
            throw new TargetUnavailableException(TargetKind.REAL_SLURM, why);
        });
        Scenario scenario = loaded.scenario();
        scenario.hooks().forEach((role, spec) -> {
            if (spec instanceof HookSpec.Preset p && p.preset() == HookPreset.PROVISIONER) {
                throw new TargetException(scenario.name() + ": the " + role + " hook is the provisioner's client, "
                        + "and real-slurm runs no provisioner (Levels 2 and 3 run on libvirt-test and qemu)", null);
            }
        });
        Path dir;
        try {
            Files.createDirectories(scratchParent);
            dir = Files.createTempDirectory(scratchParent, "esrs-").toAbsolutePath();
        } catch (IOException e) {
            throw new TargetException("cannot create a scratch directory in " + scratchParent, e);
        }
        Runnable cleanup = () -> delete(dir);
        try {
            HookScripts scripts = new HookScripts(dir.resolve("tools"));
            scripts.writeTools();
            installHooks(scenario, loaded.slurmConf().powerSave(), dir.resolve("hooks"), scripts);
            ConfTemplate template = new ConfTemplate(scenario.name() + " slurm.conf", confText(scenario)
                    .replace(HOOKS, dir.resolve("hooks") + "/").replace("$CTLD_ADDR", "127.0.0.1"));
            long t0 = System.nanoTime();
            Lab lab = Lab.start(commands, template, List.of(), dir, clock);
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            Stage stage = new Stage("", "slurmctld started, answering scontrol ping", Duration.ZERO, startup);
            try {
                RealSlurmSession session = new RealSlurmSession(lab, scripts,
                        commands.require("scontrol", null).toString(), List.of(stage), cleanup,
                        Boolean.getBoolean(KEEP_PROPERTY));
                session.startSampling();
                return session;
            } catch (RuntimeException e) {
                lab.close();
                throw e;
            }
        } catch (IOException | LabException | UncheckedIOException e) {
            cleanup.run();
            throw new TargetException(scenario.name() + ": cannot set up the real-slurm lab: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanup.run();
            throw e;
        }
    }

    private void installHooks(Scenario scenario, PowerSaveSettings settings, Path hooksDir, HookScripts scripts)
            throws IOException {
        for (Map.Entry<HookRole, HookSpec> e : scenario.hooks().entrySet()) {
            Optional<String> configured = switch (e.getKey()) {
                case RESUME -> settings.resumeProgram();
                case SUSPEND -> settings.suspendProgram();
                case RESUME_FAIL -> settings.resumeFailProgram();
            };
            if (configured.isEmpty() || !configured.get().startsWith(HOOKS)) {
                continue; // never written outside the lab: slurmctld checks the file as it is
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

    private static String confText(Scenario scenario) throws IOException {
        return scenario.slurmConf() instanceof SlurmConfSource.Inline in ? in.text()
                : Files.readString(((SlurmConfSource.File) scenario.slurmConf()).path());
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the real-slurm scratch directory " + dir, e);
        }
    }
}
