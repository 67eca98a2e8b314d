package org.elasticslurm.provisioner.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs a child process under supervision: in a process group of its own, stdin from /dev/null, stdout and stderr
 * interleaved and captured, a hard time limit after which the whole group gets SIGTERM and, after a short grace,
 * SIGKILL. The child is always reaped; processes it leaves in its group are killed when it ends. The command runs
 * under coreutils {@code timeout}, which leads the new process group and is a watchdog: should this JVM die during
 * a run, the command is still killed a few seconds after its bound.
 * Thread-safe; each run uses one reader thread of its own.
 */
public final class SupervisedProcess {
    private static final Logger LOG = Logger.getLogger(SupervisedProcess.class);
    private static final Duration REAP_BOUND = Duration.ofSeconds(10);
    private static final Duration READER_BOUND = Duration.ofSeconds(5);

    private static final Duration WATCHDOG_MARGIN = Duration.ofSeconds(5);

    private final Clock clock;
    private final String timeout;
    private final Duration killGrace;
    private final ProcessGroups groups = new ProcessGroups();

    /**
     * @param clock source of the start instants (bounds and elapsed times use the monotonic timer)
     * @param timeout absolute path of coreutils {@code timeout} (process group leader and watchdog)
     * @param killGrace how long the group has between SIGTERM and SIGKILL after a timeout
     */
    public SupervisedProcess(Clock clock, String timeout, Duration killGrace) {
        this.clock = clock;
        this.timeout = timeout;
        this.killGrace = killGrace;
    }

    /** A runner using {@code /usr/bin/timeout} and a 2 s kill grace. */
    public SupervisedProcess(Clock clock) {
        this(clock, "/usr/bin/timeout", Duration.ofSeconds(2));
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3fs", d.toMillis() / 1000.0);
    }

    /**
     * Runs the command and waits until it exits, prints its stop marker, or times out.
     *
     * @throws ProcessStartException when it cannot be started
     */
    public ProcessOutcome run(ProcessCommand command) {
        String program = command.argv().get(0);
        if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of(program))) {
            throw new ProcessStartException("cannot start " + program + ": not an executable file", null);
        }
        // coreutils timeout puts itself and the command in a new process group (setpgid) and is a watchdog that
        // kills the command even if this JVM dies first
        Duration watchdog = command.timeout().plus(killGrace).plus(WATCHDOG_MARGIN);
        List<String> argv = new ArrayList<>(command.argv().size() + 3);
        argv.addAll(List.of(timeout, "--kill-after=" + WATCHDOG_MARGIN.toSeconds() + "s", seconds(watchdog)));
        argv.addAll(command.argv());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        command.workingDirectory().ifPresent(d -> builder.directory(d.toFile()));

        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProcessStartException("cannot start " + command.argv().get(0) + ": " + e.getMessage(), e);
        }
        long pgid = process.pid(); // timeout leads the new process group
        OutputCollector output = new OutputCollector(command.outputLimit(), command.stopMarker());
        Thread reader = new Thread(() -> output.drain(process.getInputStream()),
                "output-of-" + new File(command.argv().get(0)).getName() + "-" + pgid);
        reader.setDaemon(true);
        reader.start();

        ProcessOutcome.Ending ending = await(process, output, command.timeout());
        boolean stray = false;
        if (ending != ProcessOutcome.Ending.EXITED) {
            terminate(pgid, ending == ProcessOutcome.Ending.TIMED_OUT ? killGrace : Duration.ZERO);
        }
        boolean reaped = reap(process);
        if (!groups.liveMembers(pgid).isEmpty()) {
            stray = true;
            groups.signal(pgid, ProcessGroups.SIGKILL);
        }
        joinReader(reader, output);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        int status = reaped ? process.exitValue() : -1;
        ProcessOutcome outcome = new ProcessOutcome(command.argv(), ending, status, output.text(), output.truncated(),
                started, elapsed, stray, reaped);
        if (!reaped) {
            LOG.errorf("%s (pid %d)", outcome.summary(), pgid);
        }
        return outcome;
    }

    private static ProcessOutcome.Ending await(Process process, OutputCollector output, Duration timeout) {
        CompletableFuture<Object> first = CompletableFuture.anyOf(process.onExit(), output.markerSeen());
        try {
            first.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return ProcessOutcome.Ending.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProcessOutcome.Ending.TIMED_OUT;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the child failed", e.getCause());
        }
        return output.markerSeen().isDone() ? ProcessOutcome.Ending.MARKER_SEEN : ProcessOutcome.Ending.EXITED;
    }

    private void terminate(long pgid, Duration grace) {
        if (!grace.isZero() && groups.signal(pgid, ProcessGroups.SIGTERM)) {
            long deadline = System.nanoTime() + grace.toNanos();
            while (!groups.liveMembers(pgid).isEmpty() && System.nanoTime() - deadline < 0) {
                pause(Duration.ofMillis(50));
            }
        }
        groups.signal(pgid, ProcessGroups.SIGKILL);
    }

    private static boolean reap(Process process) {
        try {
            return process.waitFor(REAP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void joinReader(Thread reader, OutputCollector output) {
        try {
            reader.join(READER_BOUND.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            output.note("[output still held open by a process outside the group; stopped reading]");
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the last bytes of a stream and watches for a marker. */
    private static final class OutputCollector {
        private final int limit;
        private final byte[] marker;
        private final CompletableFuture<Void> markerSeen = new CompletableFuture<>();
        private final byte[] ring;
        private long total;
        private String note = "";

        OutputCollector(int limit, java.util.Optional<String> marker) {
            this.limit = limit;
            this.ring = new byte[limit];
            this.marker = marker.map(m -> m.getBytes(StandardCharsets.UTF_8)).orElse(null);
        }

        CompletableFuture<Void> markerSeen() {
            return markerSeen;
        }

        void drain(InputStream in) {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    append(buf, n);
                }
            } catch (IOException e) {
                note("[reading the output failed: " + e.getMessage() + "]");
            }
        }

        private synchronized void append(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                ring[(int) (total % limit)] = buf[i];
                total++;
            }
            if (marker != null && !markerSeen.isDone() && endsWithinTail(n + marker.length)) {
                markerSeen.complete(null);
            }
        }

        private boolean endsWithinTail(int window) {
            byte[] tail = lastBytes((int) Math.min(Math.min(window, total), limit));
            outer:
            for (int start = 0; start + marker.length <= tail.length; start++) {
                for (int j = 0; j < marker.length; j++) {
                    if (tail[start + j] != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private byte[] lastBytes(int count) {
            byte[] out = new byte[count];
            for (int i = 0; i < count; i++) {
                out[i] = ring[(int) ((total - count + i) % limit)];
            }
            return out;
        }

        synchronized void note(String text) {
            note = note + "\n" + text;
        }

        synchronized boolean truncated() {
            return total > limit;
        }

        synchronized String text() {
            return new String(lastBytes((int) Math.min(total, limit)), StandardCharsets.UTF_8) + note;
        }
    }
}
