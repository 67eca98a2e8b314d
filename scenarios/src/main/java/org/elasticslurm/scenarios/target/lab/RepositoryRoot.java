package org.elasticslurm.scenarios.target.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The root of the project's repository, under which a lab finds what the build left (fake-slurmctld's drop-ins,
 * the packaged provisioner, {@code ci/} scripts): {@code -Delastic-lab.root}, else the first of the working
 * directory and its parents that has both a {@code provisioner/} and a {@code scenarios/} folder.
 */
public final class RepositoryRoot {

    /** System property naming the repository root (set by the {@code elastic-lab} launcher and the build). */
    public static final String PROPERTY = "elastic-lab.root";

    private RepositoryRoot() {
    }

    /** The repository root, if one is found. */
    public static Optional<Path> find() {
        String set = System.getProperty(PROPERTY);
        if (set != null && !set.isBlank()) {
            return Optional.of(Path.of(set).toAbsolutePath().normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("provisioner")) && Files.isDirectory(p.resolve("scenarios"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
