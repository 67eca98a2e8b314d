package org.elasticslurm.scenarios.target.realslurm;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.lab.real.SlurmRoot;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.TargetUnavailableException;

/**
 * Which Slurm executables a process lab runs: the one place that decides the binaries of the {@code real-slurm}
 * and {@code fake-realtime} targets. Everything else (the reference lab, the hook scripts, the sampling, the
 * scratch directories) is the same for both.
 *
 * <p>What differs:
 * <ul>
 * <li>{@link #debian()} ({@code real-slurm}): Debian's slurm-wlm 22.05, daemons in {@code /usr/sbin}, clients in
 * {@code /usr/bin}; needs a running munged, as every message between the real daemons and commands is signed.</li>
 * <li>{@link #realSlurm(SlurmVersion, Path, java.util.Map)} ({@code real-slurm --slurm-version 24.11|26.05}):
 * the real daemons and commands of that version from the debootstrap root {@code ci/slurm-root.sh} builds, run
 * through slurm-lab's {@link SlurmCommands#ofRoot wrappers} (a private mount namespace each, chrooted into the
 * root, the host's munged); 22.05 is {@link #debian()}.</li>
 * <li>{@link #fakeDropIns(Path)} ({@code fake-realtime}): fake-slurmctld's drop-in daemons and commands
 * ({@code fake-slurmctld/target/bin}, made by {@code mvn package} of that module), each a JVM started by a
 * launcher script. They talk HTTP on loopback without authentication, so munge is not needed (slurm.conf's
 * {@code AuthType=auth/munge} is read and ignored). The controller runs the hooks as 22.05 does (no PATH, fds
 * 0-2 closed, signals blocked), so the hook scripts name {@link #scontrol()} and {@link #slurmd()} by absolute
 * path here too.</li>
 * </ul>
 * In both, the lab puts {@link #commands()}'s directories first on PATH for the controller, every slurmd, the
 * submitted {@code srun}/{@code sbatch} and {@code run:} commands, and the remote-execution tool puts them first
 * on the PATH of what it starts on a node (as sshd gives a PATH).
 *
 * @param kind the target these binaries make
 * @param commands where the daemons and commands are, searched in order
 * @param needsMunge whether the daemons need a running munged
 * @param buildHint what to do when an executable is missing (e.g. the command that builds the drop-ins)
 */
public record SlurmBinaries(TargetKind kind, SlurmCommands commands, boolean needsMunge, String buildHint) {

    /** Where a running munged has its socket. */
    static final String MUNGE_SOCKET = "/run/munge/munge.socket.2";
    /** System property naming the drop-ins' directory, instead of the repository checkout's. */
    public static final String FAKE_BIN_PROPERTY = "elastic-lab.fake-slurmctld.bin";
    /** Where the drop-ins are in a repository checkout. */
    static final Path FAKE_BIN_IN_CHECKOUT = Path.of("fake-slurmctld", "target", "bin");
    private static final String BUILD_FAKE = "mvn -B -o -pl fake-slurmctld -am package -DskipTests";
    private static final List<String> EXECUTABLES = List.of("slurmctld", "slurmd", "scontrol", "srun", "sbatch");

    /** Debian's slurm-wlm 22.05 ({@code real-slurm}). */
    public static SlurmBinaries debian() {
        return new SlurmBinaries(TargetKind.REAL_SLURM, SlurmCommands.debian(), true,
                "install Debian's slurm-wlm (bash ci/install-packages.sh) and start munged (bash ci/start-munge.sh)");
    }

    /**
     * {@code real-slurm} of {@code version}: {@link #debian()} for 22.05 (the host's packages), else the real
     * commands of the version's root (found under {@link SlurmRoot#base}), whose wrappers are written to
     * {@code wrappersParent/esl-slurm-VERSION} (keep it under /tmp: the root's daemons run them too, and see the
     * host's /tmp only).
     *
     * @throws TargetUnavailableException when no root of the version is there, naming the command that builds it
     */
    public static SlurmBinaries realSlurm(SlurmVersion version, Path wrappersParent, java.util.Map<String, String> env) {
        if (version == SlurmVersion.V22_05) {
            return debian();
        }
        SlurmRoot root;
        try {
            root = SlurmRoot.require(version.label(), SlurmRoot.base(env));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new TargetUnavailableException(TargetKind.REAL_SLURM, "real-slurm --slurm-version " + version
                    + ": " + e.getMessage());
        }
        return new SlurmBinaries(TargetKind.REAL_SLURM,
                SlurmCommands.ofRoot(root, wrappersParent.resolve("esl-slurm-" + version.label())), true,
                "the root is " + root.path() + " (rebuild it with 'sudo " + SlurmRoot.buildCommand(version.label())
                        + "'); start munged (bash ci/start-munge.sh); run as root (the wrappers mount)");
    }

    /** The Slurm version of the real commands, from the label ({@code real-24.11}), or empty for the drop-ins. */
    public Optional<SlurmVersion> realVersion() {
        return kind == TargetKind.REAL_SLURM && commands.label().startsWith("real-")
                ? SlurmVersion.find(commands.label().substring("real-".length())) : Optional.empty();
    }

    /**
     * fake-realtime's drop-ins emulating {@code version}'s behaviour: {@code ELASTIC_SLURM_VERSION} in the lab's
     * environment (which the drop-in slurmctld reads; fake-slurmctld's README).
     */
    public SlurmBinaries emulating(SlurmVersion version) {
        if (kind != TargetKind.FAKE_REALTIME) {
            throw new IllegalStateException(kind + " runs real daemons; it emulates no version");
        }
        return new SlurmBinaries(kind, commands.withEnvironment(
                org.elasticslurm.conf.SlurmVersionChoice.ENV, version.label()), needsMunge, buildHint);
    }

    /** The version the drop-ins are told to emulate ({@link #emulating}), if any. */
    public Optional<SlurmVersion> emulatedVersion() {
        return Optional.ofNullable(commands.environment().get(org.elasticslurm.conf.SlurmVersionChoice.ENV))
                .flatMap(SlurmVersion::find);
    }

    /** Whether the commands are a debootstrap root's (real-slurm of 24.11 or later). */
    boolean runsInRoot() {
        return realVersion().filter(v -> v != SlurmVersion.V22_05).isPresent();
    }

    /** fake-slurmctld's drop-ins in {@code binDir} ({@code fake-realtime}). */
    public static SlurmBinaries fakeDropIns(Path binDir) {
        Path bin = binDir.toAbsolutePath().normalize();
        Path repo = bin.endsWith(FAKE_BIN_IN_CHECKOUT) ? bin.getParent().getParent().getParent() : null;
        return new SlurmBinaries(TargetKind.FAKE_REALTIME, SlurmCommands.inDirectory("fake", bin), false,
                "build them with '" + BUILD_FAKE + "'" + (repo == null ? "" : " in " + repo));
    }

    /**
     * fake-slurmctld's drop-ins where this installation has them: the directory named by
     * {@value #FAKE_BIN_PROPERTY} if set, else {@code fake-slurmctld/target/bin} of the repository checkout this
     * code runs from (found from this class's location, then from the working directory). Whether the
     * executables are there is checked by {@link #missing()}, when a lab is opened.
     */
    public static SlurmBinaries fakeDropIns() {
        String property = System.getProperty(FAKE_BIN_PROPERTY);
        if (property != null && !property.isBlank()) {
            return fakeDropIns(Path.of(property));
        }
        return fakeDropIns(checkoutOf(codeLocation()).or(() -> checkoutOf(Optional.of(Path.of(""))))
                .map(repo -> repo.resolve(FAKE_BIN_IN_CHECKOUT))
                .orElse(FAKE_BIN_IN_CHECKOUT));
    }

    /** The nearest ancestor of {@code start} (itself included) that holds fake-slurmctld's module. */
    static Optional<Path> checkoutOf(Optional<Path> start) {
        for (Path p = start.map(s -> s.toAbsolutePath().normalize()).orElse(null); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("fake-slurmctld").resolve("pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        CodeSource source = SlurmBinaries.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a file (e.g. inside a runtime image): the working directory is tried
        }
    }

    /** The {@code scontrol} the hook scripts run (by absolute path: hooks get no PATH). */
    public Path scontrol() {
        return executable("scontrol");
    }

    /** The {@code slurmd} the remote-execution tool starts on a node (by absolute path). */
    public Path slurmd() {
        return executable("slurmd");
    }

    private Path executable(String name) {
        return commands.find(name, null).orElse(commands.binDirs().get(commands.binDirs().size() - 1).resolve(name));
    }

    /** What this machine lacks to run these binaries (executables, a running munged), or empty. */
    public Optional<String> missing() {
        List<String> lacking = new ArrayList<>();
        for (String exe : EXECUTABLES) {
            if (commands.find(exe, null).isEmpty()) {
                lacking.add(exe + " (in " + commands.binDirs() + ")");
            }
        }
        if (needsMunge && !Files.exists(Path.of(MUNGE_SOCKET))) {
            lacking.add("a running munged (no " + MUNGE_SOCKET + "; bash ci/start-munge.sh)");
        }
        if (runsInRoot() && !"root".equals(System.getProperty("user.name"))) {
            lacking.add("root privileges (each command of the root runs in a mount namespace of its own)");
        }
        if (lacking.isEmpty()) {
            return Optional.empty();
        }
        String what = kind != TargetKind.REAL_SLURM
                ? kind + " needs fake-slurmctld's drop-in commands in " + commands.binDirs().get(0)
                : runsInRoot() ? "real-slurm " + commands.label() + " needs its root's commands, munge and root privileges"
                : "real-slurm needs Debian's slurm-wlm and munge";
        return Optional.of(what + ": missing " + String.join(", ", lacking) + "; " + buildHint);
    }
}
