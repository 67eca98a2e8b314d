package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Real slurmctld and slurmd of a chosen Slurm version in a container, for testing hook programs (ResumeProgram,
 * SuspendProgram, ResumeFailProgram) and elastic {@code slurm.conf} files against the real daemons in JUnit 5:
 * <pre>{@code
 * try (SlurmContainer slurm = SlurmContainer.version("24.11")
 *         .withSlurmConf(conf)                                     // NodeName=... State=CLOUD, hooks under /opt
 *         .withProgram("/opt/hooks/resume", "#!/bin/sh\necho \"$1\" >>/tmp/resumed\n", 0755)) {
 *     slurm.start();
 *     slurm.run("sbatch", "-w", "node1", "--wrap", "hostname");
 *     // await /tmp/resumed with slurm.run("cat", "/tmp/resumed") ...
 * }
 * }</pre>
 * The image {@code elastic-slurm/slurm:<version>} is a Debian root with that version's {@code slurm-wlm} and munge
 * (22.05: bookworm, 24.11: trixie, 26.05: forky), imported locally by {@code ci/docker/build-images.sh}; nothing
 * is pulled from a registry. The container uses the host's network, so the ports in the {@code slurm.conf}
 * (SlurmctldPort, each node's Port) must be free on this machine; it starts its own munged. On start it writes
 * what the version needs ({@code cgroup.conf} with {@code CgroupPlugin=disabled}, spool and state directories),
 * starts slurmctld and one {@code slurmd -N NODE} per node of the file, and is ready when it says so.
 */
public final class SlurmContainer extends GenericContainer<SlurmContainer> {

    /** The Slurm versions there is an image recipe for. */
    public static final List<String> VERSIONS = List.of("22.05", "24.11", "26.05");
    /** Where the container reads its slurm.conf. */
    public static final String SLURM_CONF = "/etc/slurm/slurm.conf";
    private static final String HOME = "/opt/elastic-lab";

    private final String version;

    private SlurmContainer(String version) {
        super(DockerImageName.parse("elastic-slurm/slurm:" + version));
        this.version = version;
        withImagePullPolicy(name -> false);
        withNetworkMode("host");
        withEnv("SLURM_CONF", SLURM_CONF);
        withCopyFileToContainer(MountableFile.forClasspathResource("slurm-container/entrypoint.sh", 0755),
                HOME + "/entrypoint.sh");
        withCopyFileToContainer(MountableFile.forClasspathResource("slurm-container/start-munge.sh", 0755),
                HOME + "/start-munge.sh");
        withCommand("/bin/bash", HOME + "/entrypoint.sh");
        waitingFor(Wait.forLogMessage(".*slurm container ready.*\\n", 1)
                .withStartupTimeout(java.time.Duration.ofMinutes(2)));
    }

    /**
     * A container of one Slurm version.
     *
     * @param version one of {@link #VERSIONS}
     * @throws IllegalArgumentException for another version, naming the known ones
     * @throws IllegalStateException when Docker runs but the image was not built here, naming the command that builds it
     */
    public static SlurmContainer version(String version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("unknown Slurm version '" + version + "' (known: "
                    + String.join(", ", VERSIONS) + ")");
        }
        if (DockerClientFactory.instance().isDockerAvailable() && !imageExists(version)) {
            throw new IllegalStateException("no image elastic-slurm/slurm:" + version
                    + " on this machine: build it with ci/docker/build-images.sh " + version);
        }
        return new SlurmContainer(version);
    }

    /** The Slurm version this container runs. */
    public String slurmVersion() {
        return version;
    }

    /** Puts {@code text} at {@link #SLURM_CONF}; the cluster it describes starts with the container. */
    public SlurmContainer withSlurmConf(String text) {
        return withCopyToContainer(Transferable.of(text, 0644), SLURM_CONF);
    }

    /** Puts a program (a hook script, say) at {@code path} with the given mode, e.g. {@code 0755}. */
    public SlurmContainer withProgram(String path, String text, int mode) {
        return withCopyToContainer(Transferable.of(text, mode), path);
    }

    /** Runs a command inside the container (no shell) and returns its exit code and output. */
    public Container.ExecResult run(String... command) {
        try {
            return execInContainer(command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + " in " + version, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** What {@code slurmctld -V} prints, e.g. {@code slurm-wlm 24.11.5}. */
    public String slurmctldVersion() {
        return run("/usr/sbin/slurmctld", "-V").getStdout().strip();
    }

    /** The content of a file in the container ("" when it does not exist). */
    public String file(String path) {
        Container.ExecResult r = run("/bin/sh", "-c", "cat \"$1\" 2>/dev/null || true", "cat", path);
        return r.getStdout();
    }

    private static boolean imageExists(String version) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd("elastic-slurm/slurm:" + version).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }
}
