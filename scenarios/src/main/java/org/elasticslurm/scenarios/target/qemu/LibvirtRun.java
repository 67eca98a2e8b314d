package org.elasticslurm.scenarios.target.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * What one run owns in {@code qemu:///system}, all named with the run's prefix: a directory storage pool
 * ({@code <run>}, under {@code /var/lib/elastic-slurm-lab/pools/<run>}) holding a copy of the guest image's
 * {@code base.qcow2} and the volumes of the run's machines (overlays, seeds), and the domains {@code <run>-<node>}.
 * {@link #close} destroys and undefines every such domain, deletes the pool's volumes and the pool.
 */
final class LibvirtRun implements AutoCloseable {
    static final String URI = "qemu:///system";
    static final Path POOLS = Path.of("/var/lib/elastic-slurm-lab/pools");

    private final String run;
    private final Path poolDir;
    private final List<String> virshCommand;

    private LibvirtRun(String run, Path poolDir, List<String> virshCommand) {
        this.run = run;
        this.poolDir = poolDir;
        this.virshCommand = List.copyOf(virshCommand);
    }

    /** Defines and starts the run's pool and puts the base image into it. */
    static LibvirtRun create(String run, Path image) {
        return create(run, image, POOLS.resolve(run), List.of("/usr/bin/virsh", "-q", "-c", URI));
    }

    /**
     * The same on another host: its pool named {@code run} in {@code dir}, reached with {@code virshCommand} (the
     * argument vector up to and including the connection, e.g. {@code ip netns exec NS virsh -q -c URI}).
     */
    static LibvirtRun create(String run, Path image, Path dir, List<String> virshCommand) {
        LibvirtRun r = new LibvirtRun(run, dir, virshCommand);
        try {
            Files.createDirectories(dir);
            Files.copy(image.resolve("base.qcow2"), dir.resolve("base.qcow2"), StandardCopyOption.REPLACE_EXISTING);
            r.call("pool-define-as", run, "dir", "--target", dir.toString());
            r.call("pool-start", run);
            r.call("pool-refresh", run);
            return r;
        } catch (IOException | RuntimeException e) {
            try {
                r.close();
            } catch (RuntimeException c) {
                e.addSuppressed(c);
            }
            throw e instanceof TargetException t ? t
                    : new TargetException("cannot set up the run's storage pool " + run + ": " + e.getMessage(), e);
        }
    }

    String pool() {
        return run;
    }

    Path poolDir() {
        return poolDir;
    }

    /** Domain name of a node's machine. */
    String domain(String node) {
        return run + "-" + node;
    }

    static String virsh(String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-q", "-c", URI));
        cmd.addAll(List.of(args));
        return Shell.check(cmd);
    }

    /** virsh on this run's host; fails unless it exits 0. */
    String call(String... args) {
        return Shell.check(command(args));
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(virshCommand);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The run's domains that exist now (any state). */
    List<String> domains() {
        List<String> out = new ArrayList<>();
        for (String d : call("list", "--all", "--name").split("\n")) {
            if (d.strip().startsWith(run + "-")) {
                out.add(d.strip());
            }
        }
        return out;
    }

    /** The run's domains that run now (or are paused). */
    List<String> activeDomains() {
        List<String> out = new ArrayList<>();
        for (String d : call("list", "--name").split("\n")) {
            if (d.strip().startsWith(run + "-")) {
                out.add(d.strip());
            }
        }
        return out;
    }

    /**
     * The volumes of the run's pool other than the base image. The pool is refreshed first (to see files made beside
     * libvirt too) unless libvirt is busy with it, e.g. the provisioner cloning an overlay right now: libvirt then
     * refuses the refresh, and its own list, which holds every volume made through it, is taken as it is.
     */
    List<String> volumes() {
        CommandResult refresh = Shell.run(command("pool-refresh", run),
                java.util.Map.of(), java.time.Duration.ofSeconds(60));
        if (refresh.exitCode() != 0 && !refresh.stderr().contains("has asynchronous jobs running")) {
            throw new TargetException("virsh pool-refresh " + run + " failed (exit " + refresh.exitCode()
                    + "): " + refresh.stderr().strip(), null);
        }
        List<String> out = new ArrayList<>();
        for (String line : call("vol-list", run).split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (!name.isEmpty() && !name.equals("base.qcow2")) {
                out.add(name);
            }
        }
        return out;
    }

    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        try {
            for (String d : domains()) {
                Shell.run(command("destroy", d), java.util.Map.of(),
                        java.time.Duration.ofMinutes(1));
                var u = Shell.run(command("undefine", d, "--nvram"),
                        java.util.Map.of(), java.time.Duration.ofMinutes(1));
                if (u.exitCode() != 0) {
                    problems.add("undefine " + d + ": " + u.stderr().strip());
                }
            }
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        Shell.run(command("pool-destroy", run), java.util.Map.of(),
                java.time.Duration.ofMinutes(1));
        Shell.run(command("pool-undefine", run), java.util.Map.of(),
                java.time.Duration.ofMinutes(1));
        try (var files = Files.exists(poolDir) ? Files.walk(poolDir) : java.util.stream.Stream.<Path>empty()) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            problems.add("remove " + poolDir + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new TargetException("cleaning up libvirt run " + run + ": " + String.join("; ", problems), null);
        }
    }
}
