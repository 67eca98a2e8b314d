package org.elasticslurm.conf;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real {@code scontrol} of Debian's slurm-client 22.05, run against a slurm.conf: it reads the whole file
 * with the same code as slurmctld (minus the daemon-only checks) and refuses what that code refuses.
 *
 * <p>As a JUnit condition: runs the tests when scontrol is installed; skips them with the reason when it is
 * not, except under {@code CI=true}, where its absence fails the tests because CI installs slurm-client.
 */
final class RealScontrol implements ExecutionCondition {

    /** What scontrol did: its exit code and its output (stderr merged into stdout). */
    record Outcome(int exitCode, String output) {
        boolean accepted() {
            return exitCode == 0;
        }

        /** The {@code error:} and {@code fatal:} lines, without their {@code scontrol: error: } prefix. */
        List<String> errors() {
            return output.lines().filter(l -> l.startsWith("scontrol: error: ") || l.startsWith("scontrol: fatal: "))
                    .map(l -> l.substring(l.indexOf(": ", "scontrol: ".length()) + 2)).toList();
        }
    }

    static Optional<Path> find() {
        return find("scontrol");
    }

    /** A command on PATH, or in /usr/bin or /usr/sbin. */
    static Optional<Path> find(String command) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin"
                + File.pathSeparator + "/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Path> scontrol = find();
        String missing = "scontrol (Debian package slurm-client 22.05) is not installed";
        return Requirement.evaluate("real scontrol at " + scontrol.orElse(null), scontrol.isPresent()
                ? Optional.empty() : Optional.of(Missing.of(missing, missing + "; run ci/install-packages.sh")));
    }

    /**
     * Runs {@code scontrol show aliases x} with {@code SLURM_CONF=conf} and an otherwise empty environment:
     * scontrol parses the whole configuration before doing anything, and this command also expands every
     * NodeName line with the daemon's code (node_conf.c {@code expand_nodeline_info}: the NodeAddr, BcastAddr and
     * Port count rules), which {@code show hostnames} does not.
     */
    static Outcome check(Path conf) throws IOException, InterruptedException {
        Path scontrol = find().orElseThrow(() -> new IllegalStateException(
                "scontrol not found on PATH or in /usr/bin: install slurm-client"));
        ProcessBuilder builder = new ProcessBuilder(scontrol.toString(), "show", "aliases", "x")
                .redirectErrorStream(true)
                .directory(conf.getParent().toFile());
        builder.environment().clear();
        builder.environment().put("SLURM_CONF", conf.toString());
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("scontrol did not finish within 30 s for " + conf);
            }
            return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
