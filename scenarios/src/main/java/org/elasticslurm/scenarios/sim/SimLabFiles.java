package org.elasticslurm.scenarios.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.FileMode;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.lab.process.CleanupOnExit;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.SlurmConfSource;
import org.elasticslurm.scenarios.target.ScratchDirectories;

/**
 * The files of a sim run in its scratch directory ({@code $LAB}): slurm.conf and the files it includes with the
 * placeholders replaced, and the hook programs at the paths slurm.conf names, with their modes, so the controller
 * checks real files as slurmctld does. The programs themselves are not executed on sim (their behaviour is simulated).
 *
 * <p>The directory is {@code elastic-lab-sim-PID-N} in the system's temporary directory
 * ({@link ScratchDirectories}): removed by {@link #delete()}, or at JVM exit when the run is ended by a signal;
 * creating one first removes those left by runs whose JVM was killed.
 */
final class SimLabFiles {

    /** What {@code $HOST} becomes on sim. */
    static final String HOST = "simhost";
    /** What {@code $CTLD_ADDR} becomes on sim. */
    static final String CTLD_ADDR = "127.0.0.1";
    private static final int DEFAULT_MODE = 0755;

    private final Path dir;
    private final SlurmConf conf;
    private final CleanupOnExit onExit;

    private SimLabFiles(Path dir, SlurmConf conf, CleanupOnExit onExit) {
        this.dir = dir;
        this.conf = conf;
        this.onExit = onExit;
    }

    /** Creates the scratch directory, slurm.conf and the hook programs. */
    static SimLabFiles create(Scenario scenario, SlurmConfParser parser) throws IOException {
        ScratchDirectories scratch = new ScratchDirectories(Path.of(System.getProperty("java.io.tmpdir")),
                "elastic-lab-sim");
        scratch.sweep(left -> { }); // a sim run starts no processes
        Path dir = scratch.create();
        CleanupOnExit onExit = CleanupOnExit.register("sim scratch " + dir, () -> ScratchDirectories.delete(dir));
        try {
            Path confFile;
            if (scenario.slurmConf() instanceof SlurmConfSource.Inline in) {
                confFile = dir.resolve("slurm.conf");
                Files.writeString(confFile, placeholders(in.text(), dir));
            } else {
                confFile = copyWithIncludes(((SlurmConfSource.File) scenario.slurmConf()).path(), dir, parser);
            }
            SlurmConf conf = parser.parse(confFile);
            SimLabFiles files = new SimLabFiles(dir, conf, onExit);
            for (Map.Entry<HookRole, HookSpec> e : scenario.hooks().entrySet()) {
                files.install(e.getKey(), e.getValue());
            }
            for (HookRole role : HookRole.values()) {
                files.installUndeclared(role);
            }
            return files;
        } catch (IOException | RuntimeException e) {
            ScratchDirectories.delete(dir);
            onExit.close();
            throw e;
        }
    }

    private static String placeholders(String text, Path dir) {
        return text.replace("$LAB", dir.toString()).replace("$HOST", HOST).replace("$CTLD_ADDR", CTLD_ADDR);
    }

    /**
     * Copies a slurm.conf and every file it includes into the lab, keeping their relative places so relative
     * {@code Include} lines read the copies: under the lab itself when they all lie under the main file's
     * directory (the main file then becomes {@code $LAB/slurm.conf}), else under {@code $LAB/site/}, mirrored
     * from their deepest common directory. Absolute includes keep reading the original files.
     *
     * @return the copy of the main file
     */
    private static Path copyWithIncludes(Path source, Path dir, SlurmConfParser parser) throws IOException {
        Path main = source.toAbsolutePath().normalize();
        List<Path> files = parser.parse(main).files().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Path base = main.getParent();
        for (Path file : files) {
            while (!file.startsWith(base)) {
                base = base.getParent();
            }
        }
        Path mainDir = main.getParent();
        boolean flat = base.equals(mainDir) && files.stream()
                .noneMatch(f -> !f.equals(main) && mainDir.relativize(f).equals(Path.of("slurm.conf")));
        Path into = flat ? dir : dir.resolve("site");
        Path mainCopy = flat ? dir.resolve("slurm.conf") : into.resolve(base.relativize(main));
        for (Path file : files) {
            Path copy = file.equals(main) ? mainCopy : into.resolve(base.relativize(file));
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, placeholders(Files.readString(file), dir));
        }
        return mainCopy;
    }

    private void install(HookRole role, HookSpec spec) throws IOException {
        Optional<String> configured = program(role);
        if (configured.isEmpty()) {
            return;
        }
        Path path = Path.of(configured.get());
        if (!path.isAbsolute() || !path.normalize().startsWith(dir) || spec instanceof HookSpec.Absent) {
            return; // never written outside the lab, nor when absent: slurmctld's checks see the file as it is
        }
        Files.createDirectories(path.getParent());
        if (spec instanceof HookSpec.Preset p) {
            Files.writeString(path, "#!/bin/sh\n# hook preset '" + p.preset() + "' for " + role
                    + ": simulated on the sim target\nexit 0\n");
        } else {
            Files.copy(((HookSpec.Program) spec).path(), path);
        }
        Files.setPosixFilePermissions(path, FileMode.permissions(spec.mode().orElse(DEFAULT_MODE)));
    }

    /**
     * A program under {@code $LAB} that no hook declares (only generated scenarios have one: a site's conf
     * simulated with its programs modelled as a working cloud) gets a placeholder with mode 0755.
     */
    private void installUndeclared(HookRole role) throws IOException {
        Optional<String> configured = program(role);
        if (configured.isEmpty()) {
            return;
        }
        Path path = Path.of(configured.get());
        if (path.isAbsolute() && path.normalize().startsWith(dir) && !Files.exists(path)) {
            Files.createDirectories(path.getParent());
            Files.writeString(path, "#!/bin/sh\n# " + role + ": a site's program, modelled as a working cloud on "
                    + "the sim target\nexit 0\n");
            Files.setPosixFilePermissions(path, FileMode.permissions(DEFAULT_MODE));
        }
    }

    /** The program slurm.conf names for the role. */
    Optional<String> program(HookRole role) {
        return role.program(conf.powerSave());
    }


    Path dir() {
        return dir;
    }

    SlurmConf conf() {
        return conf;
    }

    /** Removes the scratch directory. */
    void delete() {
        ScratchDirectories.delete(dir);
        onExit.close();
    }
}
