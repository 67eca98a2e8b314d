package org.elasticslurm.lab.real;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.conf.scontrol.ScontrolShow;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.lab.trace.TraceRecorder;

/**
 * Samples {@code scontrol show node} every {@link #PERIOD} and records {@code state NODE STATE} whenever a node's
 * state differs from its last sample (one call lists all nodes; a node it does not list is
 * {@link #NOT_FOUND}; the output is read by slurm-conf's {@link ScontrolShow}). A sample whose scontrol call fails
 * is dropped. States that last shorter than the period can be missed, as in the shared traces.
 *
 * <p>A sample is started every period even while earlier ones still run (up to {@link #MAX_IN_FLIGHT} at once), so
 * the period does not slip when {@code scontrol} is slow (a drop-in command starts a JVM, which on a busy machine
 * takes longer than the period); each sample is recorded at the time it was started, and the samples' results are
 * applied in the order they were started.
 *
 * <p>{@link #close()} interrupts the samples under way: their {@code scontrol} (and what it started) is killed, and
 * whatever the interrupt makes a sample throw meanwhile is dropped with it.
 */
public final class NodeStateSampler implements NodeStates {

    /** Recorded for a configured node that {@code scontrol show node} does not list (e.g. a hidden CLOUD node). */
    public static final String NOT_FOUND = "NOT_FOUND";

    /** The sampling period of the shared traces. */
    public static final Duration PERIOD = Duration.ofMillis(500);

    /** Most samples under way at once; a period finding that many still running starts none. */
    public static final int MAX_IN_FLIGHT = 4;

    private final List<String> scontrol;
    private final Map<String, String> environment;
    private final List<String> nodes;
    private final Path workDir;
    private final TraceRecorder recorder;
    private final Runnable afterEachSample;
    private final Map<String, String> last = new HashMap<>();
    /** Start times (tenths) of the samples started and not applied yet, by sequence number. */
    private final Map<Long, Long> inFlight = new HashMap<>();
    /** Samples that have ended, waiting for an earlier one to be applied first. */
    private final Map<Long, Sample> ended = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private long nextSequence;
    private long nextToApply;
    private boolean closed;
    private final ScheduledExecutorService timer;
    private final ExecutorService samples;

    /** One sample's start time and the states it read (empty if scontrol failed). */
    private record Sample(long atTenths, Optional<Map<String, String>> states) {
    }

    /**
     * @param scontrol    the scontrol command (absolute path first)
     * @param environment environment for it ({@code SLURM_CONF} ...)
     * @param workDir     its working directory
     * @param afterEachSample run after every sample's {@code scontrol} answered (e.g. to note new log lines), on the
     *                        thread that took the sample: the caller of {@link #sample()}, or one of the sampler's,
     *                        up to {@link #MAX_IN_FLIGHT} at once, so it must be thread-safe
     */
    public NodeStateSampler(List<String> scontrol, Map<String, String> environment, Path workDir, List<String> nodes,
                            TraceRecorder recorder, Runnable afterEachSample) {
        this(scontrol, environment, workDir, nodes, recorder, afterEachSample, null);
    }

    /** As the public constructor; {@code uncaught} (null: the JVM's default) handles failures of the threads. */
    NodeStateSampler(List<String> scontrol, Map<String, String> environment, Path workDir, List<String> nodes,
                     TraceRecorder recorder, Runnable afterEachSample, Thread.UncaughtExceptionHandler uncaught) {
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("node-state-sampler", uncaught));
        this.samples = Executors.newCachedThreadPool(daemon("node-state-sample", uncaught));
        this.workDir = workDir;
        this.scontrol = List.copyOf(scontrol);
        this.environment = Map.copyOf(environment);
        this.nodes = List.copyOf(nodes);
        this.recorder = recorder;
        this.afterEachSample = afterEachSample;
    }

    /** Takes one sample now, then starts one every period. */
    @Override
    public void start() {
        sample();
        timer.scheduleAtFixedRate(this::startSample, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startSample() {
        synchronized (this) {
            if (closed || inFlight.size() >= MAX_IN_FLIGHT) {
                return;
            }
        }
        try {
            samples.execute(this::periodicSample);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: no more samples
        }
    }

    private void periodicSample() {
        try {
            sample();
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!closed) {
                    throw e;
                }
            } // interrupted by close() (in scontrol, or in afterEachSample's read): the sample is not wanted
        }
    }

    /** The last sampled state of a node, if any sample has succeeded. */
    @Override
    public synchronized Optional<String> current(String node) {
        return Optional.ofNullable(last.get(node));
    }

    /** Takes one last sample. */
    @Override
    public void catchUp() {
        sample();
    }

    /** Takes one sample now and records changes (after those of every sample started before it). */
    public void sample() {
        long sequence;
        long at;
        synchronized (this) {
            sequence = nextSequence++;
            at = recorder.elapsedTenths();
            inFlight.put(sequence, at);
        }
        Optional<Map<String, String>> states = Optional.empty();
        try {
            Optional<String> output = showNodes();
            afterEachSample.run();
            states = output.map(o -> states(o, nodes));
        } finally {
            ended(sequence, new Sample(at, states));
        }
    }

    private synchronized void ended(long sequence, Sample sample) {
        ended.put(sequence, sample);
        while (ended.containsKey(nextToApply)) {
            Sample next = ended.remove(nextToApply);
            inFlight.remove(nextToApply);
            long applied = nextToApply++;
            next.states().ifPresent(states -> noteStates(next.atTenths(), states));
            waiters.forEach(w -> w.note(applied, next.atTenths(), next.states()));
        }
        notifyAll();
    }

    private synchronized void noteStates(long at, Map<String, String> states) {
        states.forEach((node, state) -> {
            if (!state.equals(last.get(node))) {
                last.put(node, state);
                recorder.recordAt(at, "state", node + " " + state);
            }
        });
    }

    /**
     * Waits until a sample shows {@code node} in {@code state}: true if it is in that state now, or a sample taken
     * (started) within {@code timeout} from now shows it. "Now" is the newest sample started before the call: when
     * samples started earlier are still under way, their answers are waited for, and an older one among them showing
     * the state does not count once a newer one shows another. A sample under way at the deadline is waited for:
     * what counts is when the controller was asked, not when a slow {@code scontrol} answered (a drop-in command
     * starts a JVM, which takes seconds on a busy machine).
     */
    @Override
    public boolean awaitState(String node, String state, Duration timeout) {
        synchronized (this) {
            Waiter waiter = new Waiter(StateWait.of(recorder, node, state, timeout), nextSequence, last.get(node));
            if (nextToApply == nextSequence && waiter.judgeNow()) {
                return true; // no sample under way: the last one is now
            }
            waiters.add(waiter);
            try {
                // a sample under way that was started before the deadline may still show the state
                StateWait.LateAnswers samplesUnderWay = (deadlineTenths, elapsed) ->
                        inFlight.values().stream().anyMatch(started -> started < deadlineTenths);
                return waiter.wait.await(samplesUnderWay, () -> closed, untilDeadline -> {
                    long left = untilDeadline.toMillis();
                    wait(left > 0 ? left : 1000); // past the deadline: woken when the late sample ends
                });
            } finally {
                waiters.remove(waiter);
            }
        }
    }

    /**
     * A wait for a node's state: reached if the newest sample started before the wait shows it ("now"), or a sample
     * started after the wait and before the deadline does.
     */
    private static final class Waiter {
        private final StateWait wait;
        /** The sequence number of the first sample started after the wait began. */
        private final long firstAfter;
        private String now;

        private Waiter(StateWait wait, long firstAfter, String now) {
            this.wait = wait;
            this.firstAfter = firstAfter;
            this.now = now;
        }

        /** Whether the node is in the state now (as of the newest sample started before the wait). */
        private boolean judgeNow() {
            return wait.observedNow(now);
        }

        private void note(long sequence, long sampledAtTenths, Optional<Map<String, String>> states) {
            String sampled = states.map(s -> s.get(wait.node())).orElse(null);
            if (sequence < firstAfter) {
                now = sampled == null ? now : sampled;
                if (sequence == firstAfter - 1) {
                    judgeNow();
                }
            } else {
                wait.observed(sampledAtTenths, wait.node(), sampled);
            }
        }
    }

    /**
     * The {@code State=} of each of {@code nodes} in {@code scontrol show node} output, {@link #NOT_FOUND} for nodes
     * it does not list; in the order of {@code nodes}.
     */
    static Map<String, String> states(String showNodeOutput, List<String> nodes) {
        Map<String, String> listed = new HashMap<>();
        ScontrolShow.nodes(showNodeOutput)
                .forEach(n -> n.record().value("State").ifPresent(state -> listed.put(n.name(), state)));
        Map<String, String> states = new LinkedHashMap<>();
        nodes.forEach(node -> states.put(node, listed.getOrDefault(node, NOT_FOUND)));
        return states;
    }

    private Optional<String> showNodes() {
        List<String> command = new ArrayList<>(scontrol);
        command.addAll(List.of("show", "node"));
        CommandResult result = CommandResult.run(command, environment, workDir, Duration.ofSeconds(10));
        return result.exitCode() == 0 ? Optional.of(result.stdout()) : Optional.empty();
    }

    /** Stops sampling (interrupts the samples under way and waits for them to end). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        timer.shutdownNow();
        samples.shutdownNow();
        try {
            timer.awaitTermination(15, TimeUnit.SECONDS);
            samples.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name, Thread.UncaughtExceptionHandler uncaught) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            if (uncaught != null) {
                t.setUncaughtExceptionHandler(uncaught);
            }
            return t;
        };
    }
}
