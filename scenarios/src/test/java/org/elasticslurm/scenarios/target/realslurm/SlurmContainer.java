package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.MountableFile;

/**
 * A Debian bookworm container with Debian's slurm-wlm 22.05 and munge (image built from
 * {@code ci/docker/slurm/Dockerfile}), into which this module's jar, its runtime class path and the scenario files
 * are copied, so that the {@code real-slurm} target runs inside it: {@link #replay} runs
 * {@code elastic-lab replay SCENARIO --target real-slurm} there through {@code docker exec}; the target then starts
 * slurmctld and one {@code slurmd -N NODE} per node inside the container, and its hooks are run there by that
 * slurmctld. The entrypoint starts munged and reports {@code slurm container ready}.
 */
final class SlurmContainer extends GenericContainer<SlurmContainer> {

    private static final String HOME = "/opt/elastic-lab";

    /**
     * @param repository the repository root (holds {@code ci/})
     * @param moduleTarget this module's {@code target/} after {@code package} (jar and {@code classpath.txt})
     * @param levels the scenario files' folder ({@code levels/}; {@code failures/} next to it is copied too)
     */
    SlurmContainer(Path repository, Path moduleTarget, Path levels) {
        super(new ImageFromDockerfile("elastic-slurm-lab/slurm-bookworm", false)
                .withFileFromPath("Dockerfile", repository.resolve("ci/docker/slurm/Dockerfile"))
                .withFileFromPath("entrypoint.sh", repository.resolve("ci/docker/slurm/entrypoint.sh"))
                .withFileFromPath("start-munge.sh", repository.resolve("ci/start-munge.sh")));
        withCopyFileToContainer(MountableFile.forHostPath(jar(moduleTarget)), HOME + "/lib/scenarios.jar");
        for (Path entry : classPath(moduleTarget)) {
            withCopyFileToContainer(MountableFile.forHostPath(entry), HOME + "/lib/" + entry.getFileName());
        }
        withCopyFileToContainer(MountableFile.forHostPath(levels), HOME + "/levels");
        withCopyFileToContainer(MountableFile.forHostPath(levels.resolveSibling("failures")), HOME + "/failures");
        waitingFor(Wait.forLogMessage(".*slurm container ready.*\\n", 1).withStartupTimeout(Duration.ofMinutes(5)));
    }

    /** Runs {@code elastic-lab replay SCENARIO --target real-slurm --no-color} inside the container. */
    Container.ExecResult replay(String scenario) throws IOException, InterruptedException {
        return execInContainer("java", "-Delastic-lab.levels=" + HOME + "/levels", "-cp", HOME + "/lib/*",
                "org.elasticslurm.scenarios.cli.ElasticLab", "replay", scenario, "--target", "real-slurm",
                "--no-color");
    }

    /** A scenario file copied into the container, by its path under the module ({@code failures/x.yaml}). */
    static String inContainer(String modulePath) {
        return HOME + "/" + modulePath;
    }

    private static Path jar(Path moduleTarget) {
        try (var files = Files.list(moduleTarget)) {
            return files.filter(f -> f.getFileName().toString().matches("scenarios-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no scenarios jar in " + moduleTarget
                            + ": run mvn -pl scenarios package first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> classPath(Path moduleTarget) {
        try {
            List<Path> out = new ArrayList<>();
            for (String entry : Files.readString(moduleTarget.resolve("classpath.txt")).strip().split(":")) {
                if (!entry.isBlank()) {
                    out.add(Path.of(entry));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("no runtime class path in " + moduleTarget
                    + " (classpath.txt is written by mvn -pl scenarios package)", e);
        }
    }
}
