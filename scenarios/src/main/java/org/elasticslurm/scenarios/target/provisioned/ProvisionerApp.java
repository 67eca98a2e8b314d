package org.elasticslurm.scenarios.target.provisioned;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.target.lab.RepositoryRoot;

/**
 * The provisioner as packaged by its module's {@code mvn package}: the Quarkus service
 * ({@code provisioner/target/quarkus-app/quarkus-run.jar}) and the hook clients' jar
 * ({@code provisioner/target/provisioner-*-hooks.jar}). The scenarios never load the provisioner's classes: they
 * run these files as processes and talk to the service over HTTP.
 *
 * @param runJar the service's runnable jar
 * @param hooksJar the hook clients' jar (its {@code install} command writes {@code slurm-resume} ...)
 */
public record ProvisionerApp(Path runJar, Path hooksJar) {

    /** System property naming another {@code provisioner/target} directory (a build of the service elsewhere). */
    public static final String TARGET_PROPERTY = "elastic-lab.provisioner-target";
    static final String BUILD = "mvn -B -o -pl provisioner -am package -DskipTests";

    /**
     * Finds the packaged provisioner under the repository root: {@code -Delastic-lab.root}, else the first of the
     * working directory and its parents that has a {@code provisioner/} folder ({@code -Delastic-lab.provisioner-target}
     * names another build's {@code provisioner/target} directory).
     *
     * @throws TargetUnavailableException naming the path looked at and the command that builds it
     */
    public static ProvisionerApp locate(TargetKind target) {
        Path root = RepositoryRoot.find().orElseThrow(() -> new TargetUnavailableException(target, target
                + " needs the packaged provisioner, and no provisioner/ folder was found in "
                + Path.of("").toAbsolutePath() + " or its parents (set -D" + RepositoryRoot.PROPERTY + "=<repository root>)"));
        String other = System.getProperty(TARGET_PROPERTY);
        Path dir = other != null && !other.isBlank() ? Path.of(other).toAbsolutePath()
                : root.resolve("provisioner/target");
        Path run = dir.resolve("quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(run)) {
            throw new TargetUnavailableException(target, target + " needs the packaged provisioner service: " + run
                    + " does not exist; build it with `cd " + root + " && " + BUILD + "`");
        }
        Optional<Path> hooks = hooksJar(dir);
        if (hooks.isEmpty()) {
            throw new TargetUnavailableException(target, target + " needs the provisioner's hook clients: no "
                    + dir + "/provisioner-*-hooks.jar; build it with `cd " + root + " && " + BUILD + "`");
        }
        return new ProvisionerApp(run, hooks.get());
    }

    private static Optional<Path> hooksJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "provisioner-*-hooks.jar")) {
            for (Path p : jars) {
                return Optional.of(p.toAbsolutePath());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir, e);
        }
    }
}
