package org.elasticslurm.conf;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code slurmctld} on a PATH, found as a shell finds it, and the version its {@code -V} prints
 * ({@code slurm-wlm 22.05.8}). A directory to skip keeps a drop-in from finding itself.
 */
public final class InstalledSlurm {

    /**
     * Set in the environment of the {@code slurmctld -V} asked: a drop-in asked so (another copy of the fake on
     * PATH) does not look for a real slurmctld in turn.
     */
    public static final String PROBE = "ELASTIC_SLURM_VERSION_PROBE";

    private static final long WAIT_SECONDS = 10;

    private final String path;
    private final Optional<Path> skip;

    /**
     * @param path the PATH to search ({@code dir:dir:...}); empty or null finds nothing
     * @param skip a directory not searched (the drop-ins' own bin directory)
     */
    public InstalledSlurm(String path, Optional<Path> skip) {
        this.path = path == null ? "" : path;
        this.skip = skip.map(InstalledSlurm::real);
    }

    /**
     * The first executable {@code slurmctld} on the PATH outside the skipped directory (a link into that
     * directory is skipped too).
     */
    public Optional<Path> slurmctld() {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty() || skip.isPresent() && skip.get().equals(real(Path.of(dir)))) {
                continue;
            }
            Path candidate = Path.of(dir, "slurmctld");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)
                    && !(skip.isPresent() && skip.get().equals(real(candidate).getParent()))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * What the found slurmctld's {@code -V} printed, trimmed: empty when there is none on the PATH, or it did
     * not answer in time or ended with an error.
     */
    public Optional<String> versionLine() {
        Optional<Path> daemon = slurmctld();
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        try {
            ProcessBuilder b = new ProcessBuilder(daemon.get().toString(), "-V").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            b.environment().put(PROBE, "1");
            Process p = b.start();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out.lines().findFirst().orElse(out))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }
}
