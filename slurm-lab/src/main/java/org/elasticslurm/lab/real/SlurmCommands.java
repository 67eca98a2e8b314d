package org.elasticslurm.lab.real;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.elasticslurm.lab.process.LabException;

/**
 * Where the Slurm executables of one side live. A scenario's commands run with these directories first on
 * {@code PATH}, and the daemons ({@code slurmctld}, {@code slurmd}) are started from the first of them that has
 * the executable; so the same scenario talks to the real daemons or to drop-in ones.
 *
 * @param label     names the side in trace file names, e.g. {@code real-22.05} or {@code fake}
 * @param binDirs   searched in order, before the inherited {@code PATH}
 * @param stateFeed whether this side's slurmctld writes a node-state feed ({@code slurmctld --state-feed FILE}, as
 *                  fake-slurmctld's drop-in does), which a lab then reads instead of sampling
 *                  {@code scontrol show node}
 * @param environment set in the environment of every command a lab runs, over this JVM's (e.g.
 *                  {@code ELASTIC_SLURM_VERSION} for the drop-ins)
 */
public record SlurmCommands(String label, List<Path> binDirs, boolean stateFeed, Map<String, String> environment) {

    /** Commands that need nothing in their environment beyond this JVM's. */
    public SlurmCommands(String label, List<Path> binDirs, boolean stateFeed) {
        this(label, binDirs, stateFeed, Map.of());
    }

    /** Debian 12's slurm-wlm 22.05: daemons in /usr/sbin, clients in /usr/bin. */
    public static SlurmCommands debian() {
        return new SlurmCommands("real-22.05", List.of(Path.of("/usr/sbin"), Path.of("/usr/bin")), false);
    }

    /**
     * The real commands of a debootstrap root ({@code ci/slurm-root.sh}), labelled {@code real-VERSION}: wrappers
     * written into {@code binDir} that run each in a private mount namespace chrooted into the root
     * ({@link RootCommands}). Put {@code binDir} under /tmp when the root's daemons start these commands
     * themselves (hooks run inside the root and see the host's /tmp).
     */
    public static SlurmCommands ofRoot(SlurmRoot root, Path binDir) {
        return RootCommands.write(root, binDir);
    }

    /**
     * fake-slurmctld's drop-in executables in one directory, e.g. {@code fake-slurmctld/target/bin}; its slurmctld
     * writes the node-state feed.
     */
    public static SlurmCommands inDirectory(String label, Path binDir) {
        return new SlurmCommands(label, List.of(binDir.toAbsolutePath()), true);
    }

    /** Commands without a node-state feed (their states are sampled). */
    public SlurmCommands(String label, List<Path> binDirs) {
        this(label, binDirs, false);
    }

    public SlurmCommands {
        if (label == null || !label.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("side label must be letters, digits, '.', '_' or '-': '" + label + "'");
        }
        binDirs = List.copyOf(binDirs);
        environment = Map.copyOf(environment);
        if (binDirs.isEmpty()) {
            throw new IllegalArgumentException("at least one bin directory is needed for side " + label);
        }
    }

    /** These commands with {@code name=value} also set in their environment. */
    public SlurmCommands withEnvironment(String name, String value) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(name, value);
        return new SlurmCommands(label, binDirs, stateFeed, env);
    }

    /** The {@code PATH} value for scenario commands: the bin directories, then the inherited path. */
    public String path(String inheritedPath) {
        String own = binDirs.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return inheritedPath == null || inheritedPath.isEmpty() ? own : own + File.pathSeparator + inheritedPath;
    }

    /** The executable {@code name}, looked up in the bin directories, then in the inherited {@code PATH}. */
    public Optional<Path> find(String name, String inheritedPath) {
        List<Path> dirs = new ArrayList<>(binDirs);
        if (inheritedPath != null) {
            for (String dir : inheritedPath.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /** Like {@link #find} but refuses a missing executable, naming where it looked. */
    public Path require(String name, String inheritedPath) {
        return find(name, inheritedPath).orElseThrow(() -> new LabException("no executable '" + name + "' in "
                + binDirs + " or PATH (side " + label + ")"));
    }

    /** As {@link #require(String, String)} with this JVM's {@code PATH}. */
    Path require(String name) {
        return require(name, inheritedPath());
    }

    /**
     * The environment of a lab's commands: this JVM's minus {@code SLURM_*} plus {@link #environment()}, these
     * commands first on {@code PATH},
     * {@code SLURM_CONF} the lab's slurm.conf, {@code LAB} the lab directory.
     */
    Map<String, String> labEnvironment(Path labDir) {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("SLURM_")) {
                env.put(k, v);
            }
        });
        env.putAll(environment);
        env.put("PATH", path(inheritedPath()));
        env.put("SLURM_CONF", labDir.resolve("slurm.conf").toString());
        env.put("LAB", labDir.toString());
        return Map.copyOf(env);
    }

    private static String inheritedPath() {
        String path = System.getenv("PATH");
        return path == null ? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" : path;
    }
}
