package org.elasticslurm.provisioner.slurm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command from an argument vector (never through a shell) with a fixed environment and stdin from
 * /dev/null, captures its output, kills it (and its descendants) after a timeout, and always reaps it.
 */
public final class ProcessRunner {
    private final java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "process-output-reader");
        t.setDaemon(true);
        return t;
    });

    /**
     * The outcome of a run.
     *
     * @param exitCode exit status
     * @param stdout standard output
     * @param stderr standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** The command ran out of time and was killed. */
    public static final class TimeoutException extends Exception {
        TimeoutException(String message) {
            super(message);
        }
    }

    /**
     * Runs the command and waits for it.
     *
     * @param argv argument vector; argv[0] an absolute path
     * @param environment the complete environment of the child
     * @param timeout how long it may run
     * @throws IOException when it cannot be started
     * @throws TimeoutException when it ran out of time (it has been killed and reaped)
     */
    public Result run(List<String> argv, Map<String, String> environment, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                throw new TimeoutException(argv.get(0) + " did not finish within " + timeout + " and was killed");
            }
            return new Result(p.exitValue(), join(out), join(err));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    private CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, readers);
    }

    private static String join(CompletableFuture<String> f) throws InterruptedException, IOException {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("reading the output failed", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the output was not closed 5 s after the process ended (a child holds it open)", e);
        }
    }
}
