package org.elasticslurm.scenarios.target.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * A second hypervisor host in the run's lab ({@code ci/second-host.sh}): a libvirtd with its own virtlogd in network
 * and mount namespaces of their own, reached from the lab as {@code qemu+tcp://<prefix>.2:21510/system}, holding a
 * storage pool of the run's name with its own copy of the base image. {@link #stop} and {@link #start} take its
 * libvirtd down and up (its guests keep running); {@link #close} removes the pool, its domains, the daemons and the
 * namespace.
 */
final class SecondHost implements AutoCloseable {
    private final Path script;
    private final Map<String, String> env;
    private final String uri;
    private final LibvirtRun libvirt;
    private volatile boolean stopped;

    /** A host already up (package-private for tests). */
    SecondHost(Path script, Map<String, String> env, String uri, LibvirtRun libvirt) {
        this.script = script;
        this.env = env;
        this.uri = uri;
        this.libvirt = libvirt;
    }

    /** Starts the host in lab {@code netns} and makes the run's storage pool there; undoes it all when that fails. */
    static SecondHost up(Path ci, String netns, String run, Path image) {
        Path script = ci.resolve("second-host.sh");
        Map<String, String> env = Map.of("ESL_NETNS", netns);
        CommandResult r = Shell.run(List.of(script.toString(), "up"), env, Duration.ofMinutes(1));
        if (r.exitCode() != 0) {
            Shell.run(List.of(script.toString(), "down"), env, Duration.ofMinutes(1));
            throw new TargetException("ci/second-host.sh up (ESL_NETNS=" + netns + ") failed: " + r.stderr().strip(),
                    null);
        }
        try {
            String uri = Shell.check(List.of(script.toString(), "uri"), env, Duration.ofSeconds(10)).strip();
            LibvirtRun libvirt = LibvirtRun.create(run, image, LibvirtRun.POOLS.resolve(run + "-h2"),
                    List.of("/usr/sbin/ip", "netns", "exec", netns, "/usr/bin/virsh", "-q", "-c", uri));
            return new SecondHost(script, env, uri, libvirt);
        } catch (RuntimeException e) {
            Shell.run(List.of(script.toString(), "down"), env, Duration.ofMinutes(1));
            throw e;
        }
    }

    /** Its URI, as the lab namespace reaches it. */
    String uri() {
        return uri;
    }

    /** The run's pool and domains on it. */
    LibvirtRun libvirt() {
        return libvirt;
    }

    /** The command that prints its libvirtd's PID (for the lab's tap adoption). */
    List<String> pidCommand() {
        return List.of(script.toString(), "pid");
    }

    /** Stops its libvirtd: the host refuses connections from now on. */
    void stop() {
        Shell.check(List.of(script.toString(), "stop"), env, Duration.ofMinutes(1));
        stopped = true;
    }

    /** Whether its libvirtd was stopped (and not started since); a stop that failed leaves it unset. */
    boolean stopped() {
        return stopped;
    }

    /** Starts its libvirtd again (same state). */
    void start() {
        Shell.check(List.of(script.toString(), "start"), env, Duration.ofMinutes(1));
        stopped = false;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            Shell.run(List.of(script.toString(), "start"), env, Duration.ofMinutes(1));
            libvirt.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        CommandResult down = Shell.run(List.of(script.toString(), "down"), env, Duration.ofMinutes(2));
        if (down.exitCode() != 0) {
            TargetException e = new TargetException("ci/second-host.sh down failed: " + down.stderr().strip(), null);
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
        if (failure != null) {
            throw failure;
        }
    }
}
