package org.elasticslurm.fake.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a daemon in the background the way {@code daemon(3)} leaves it: the command is started again with
 * {@code -D} in a new session ({@code setsid}), stdin, stdout and stderr on /dev/null, in the working directory
 * the daemon would change to; this process waits until the background one is ready (or has failed) and
 * reports. Java cannot fork, so the program is started anew: through the launcher script named by
 * {@value #LAUNCHER_ENV} when the drop-in commands run it, else the same java command line.
 */
public final class Daemonizer {

    /** Set by the launcher scripts: the script's own path. */
    public static final String LAUNCHER_ENV = "FAKE_SLURM_LAUNCHER";
    /** Set in the background process so that it knows it runs detached. */
    public static final String CHILD_ENV = "FAKE_SLURM_DAEMONIZED";

    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    private Daemonizer() {
    }

    /** Whether this process is the background copy of a daemon. */
    public static boolean isDaemonChild() {
        return "1".equals(System.getenv(CHILD_ENV));
    }

    /**
     * Starts the background copy with {@code args} plus {@code -D} and waits until {@code ready} holds.
     *
     * @param mainClass the daemon's main class (when not started through a launcher script)
     * @param args      the command line as given (without -D)
     * @param workDir   the directory the daemon works in
     * @param ready     whether the background daemon answers
     * @return the background process's pid
     * @throws IllegalStateException when it exits first or is not ready in time
     */
    public static long detach(String mainClass, List<String> args, Path workDir, BooleanSupplier ready) {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.addAll(selfCommand(mainClass));
        command.addAll(args);
        command.add("-D");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.to(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put(CHILD_ENV, "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the daemon in the background: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (!ready.getAsBoolean()) {
            try {
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the daemon exited with status " + process.exitValue()
                            + " while starting; run it with -D to see why");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the daemon", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the daemon (pid " + process.pid() + ") did not become ready within "
                        + READY_LIMIT.toSeconds() + " s");
            }
        }
        return process.pid();
    }

    private static List<String> selfCommand(String mainClass) {
        Optional<String> launcher = Optional.ofNullable(System.getenv(LAUNCHER_ENV)).filter(s -> !s.isBlank());
        if (launcher.isPresent()) {
            return List.of(launcher.get());
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"), mainClass);
    }
}
