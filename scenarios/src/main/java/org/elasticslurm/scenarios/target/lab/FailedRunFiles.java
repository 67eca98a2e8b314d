package org.elasticslurm.scenarios.target.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a lab keeps of a run that did not pass, before its directory is removed: the files under some paths of the
 * lab directory (consoles, logs), copied with their relative paths to a directory of the run that survives it. A
 * {@link LabTeardown#addOnFailure} step: a passed run keeps nothing.
 */
public final class FailedRunFiles implements AutoCloseable {
    /**
     * {@code -Delastic-lab.failed-dir=DIR}: where runs that did not pass keep their files, one directory per run
     * ({@code <scenario>-<run>}); default {@code elastic-lab-failed} in {@code java.io.tmpdir}.
     */
    public static final String DIRECTORY_PROPERTY = "elastic-lab.failed-dir";

    private final String what;
    private final Path lab;
    private final List<String> kept;
    private final Path destination;
    private final PrintStream say;

    /**
     * @param what the run, as the line that names the directory calls it (e.g. "level2 on qemu")
     * @param lab the lab directory
     * @param kept paths relative to {@code lab}: files, or directories whose files are kept (absent ones are skipped)
     * @param destination the run's directory of kept files (created when there is something to keep)
     * @param say where the line naming the directory goes (standard error)
     */
    public FailedRunFiles(String what, Path lab, List<String> kept, Path destination, PrintStream say) {
        this.what = what;
        this.lab = lab;
        this.kept = List.copyOf(kept);
        this.destination = destination;
        this.say = say;
    }

    /**
     * Where runs that did not pass keep their files: {@value #DIRECTORY_PROPERTY} of {@code properties} (the
     * system properties), else {@code elastic-lab-failed} in their {@code java.io.tmpdir}.
     */
    public static Path base(Properties properties) {
        String dir = properties.getProperty(DIRECTORY_PROPERTY, "");
        return !dir.isBlank() ? Path.of(dir)
                : Path.of(properties.getProperty("java.io.tmpdir", "/tmp"), "elastic-lab-failed");
    }

    /** The directory of one run under {@code base}: {@code <scenario>-<run>}, the name made safe for a file name. */
    public static Path destination(Path base, String scenario, String run) {
        return base.resolve(scenario.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + run);
    }

    /** The run's directory of kept files. */
    public Path destination() {
        return destination;
    }

    /**
     * Copies the files that exist under the kept paths and names the directory in one line ("elastic-lab: WHAT did
     * not pass: its consoles and logs are kept in DIR"), with the files it could not copy and why. Keeps nothing
     * and says nothing when none of them exists.
     */
    @Override
    public void close() {
        List<Path> files = new ArrayList<>();
        for (String k : kept) {
            Path p = lab.resolve(k);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    say.println("elastic-lab: cannot list " + p + " to keep it: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            return;
        }
        List<String> failed = new ArrayList<>();
        for (Path f : files) {
            Path relative = lab.relativize(f);
            try {
                Path to = destination.resolve(relative.toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                failed.add(relative + ": " + e);
            }
        }
        say.println("elastic-lab: " + what + " did not pass: its consoles and logs are kept in " + destination
                + (failed.isEmpty() ? "" : " (could not copy " + String.join("; ", failed) + ")"));
    }
}
