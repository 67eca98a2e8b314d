package org.elasticslurm.provisioner.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command for {@link SupervisedProcess}: an argument vector (never a shell line) and its bounds.
 *
 * @param argv argument vector; {@code argv[0]} is an absolute path
 * @param environment the complete environment of the child (nothing is inherited)
 * @param workingDirectory the child's working directory, or empty for the service's own
 * @param timeout how long the command may run before its process group is killed
 * @param stopMarker when present, the run ends (and the group is killed) as soon as the output contains it
 * @param outputLimit how many bytes of output are kept (the last ones)
 */
public record ProcessCommand(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory,
                             Duration timeout, Optional<String> stopMarker, int outputLimit) {

    /** Output kept by default: 256 KiB. */
    public static final int DEFAULT_OUTPUT_LIMIT = 256 * 1024;

    /** Checks the rules named in the parameter descriptions. */
    public ProcessCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
            throw new IllegalArgumentException("argv[0] must be an absolute path: " + argv);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (outputLimit < 1) {
            throw new IllegalArgumentException("outputLimit must be at least 1: " + outputLimit);
        }
        stopMarker.ifPresent(m -> {
            if (m.isEmpty()) {
                throw new IllegalArgumentException("stopMarker must not be empty");
            }
        });
    }

    /** A command with the given environment, the service's working directory, no marker and the default limit. */
    public static ProcessCommand of(List<String> argv, Map<String, String> environment, Duration timeout) {
        return new ProcessCommand(argv, environment, Optional.empty(), timeout, Optional.empty(),
                DEFAULT_OUTPUT_LIMIT);
    }

    /** This command, run in {@code directory}. */
    public ProcessCommand in(Path directory) {
        return new ProcessCommand(argv, environment, Optional.of(directory), timeout, stopMarker, outputLimit);
    }

    /** This command, ended as soon as its output contains {@code marker}. */
    public ProcessCommand until(String marker) {
        return new ProcessCommand(argv, environment, workingDirectory, timeout, Optional.of(marker), outputLimit);
    }

    /** The minimal environment for tools that need nothing from the service's own. */
    public static Map<String, String> minimalEnvironment() {
        return Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C.UTF-8");
    }
}
