package org.elasticslurm.scenarios.target.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.SlurmConfSource;
import org.elasticslurm.scenarios.target.TargetException;

/** A lab's scratch directory: created under a short parent, removed when the lab closes (unless kept). */
public final class LabFiles {
    /** {@code -Delastic-lab.keep-lab=true} keeps each run's files to look into (the path is printed). */
    public static final String KEEP_PROPERTY = "elastic-lab.keep-lab";

    /** The scenario's slurm.conf text as written (a template for slurm-lab's {@code ConfTemplate}). */
    public static String slurmConfText(Scenario scenario) {
        try {
            return scenario.slurmConf() instanceof SlurmConfSource.Inline in ? in.text()
                    : Files.readString(((SlurmConfSource.File) scenario.slurmConf()).path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the slurm.conf of " + scenario.name(), e);
        }
    }

    private LabFiles() {
    }

    /** A new scratch directory {@code parent/prefixNNN}. */
    public static Path scratch(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new TargetException("cannot create a scratch directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Removes the directory and everything in it, or says where it was kept. */
    public static void remove(Path dir, boolean keep) {
        if (keep) {
            System.err.println("elastic-lab: lab files kept in " + dir);
            return;
        }
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the lab directory " + dir, e);
        }
    }

    /** Waits (set-up polling of a lab's daemons, not a test's). */
    public static void pause(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while setting up the lab", e);
        }
    }
}
