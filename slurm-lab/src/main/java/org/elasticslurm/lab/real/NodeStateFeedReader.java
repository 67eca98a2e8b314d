package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.trace.TraceRecorder;

/**
 * Records node states from the controller's node-state feed (fake-slurmctld's {@code slurmctld --state-feed FILE}):
 * lines {@code EPOCH_MILLIS NODE STATE}, one per change of what {@code scontrol show node} shows, starting with
 * every node's state; {@code NOT_FOUND} while scontrol does not list the node, as {@link NodeStateSampler#NOT_FOUND}.
 * The file is read every {@link #PERIOD} and each line is recorded at its own time (tenths since the recorder's
 * start, 0 for what held before it), so a state is recorded exactly, however briefly it held and however late it is
 * read. Lines of nodes outside the lab's list are ignored; a line that does not parse stops the lab.
 */
final class NodeStateFeedReader implements NodeStates {

    /** How often the feed is read. */
    static final Duration PERIOD = Duration.ofMillis(100);

    /**
     * How long a wait past its deadline still reads the feed for a line dated before the deadline (the controller
     * may write a change some time after the event that made it when the machine is busy).
     */
    static final Duration LATE_LINES = Duration.ofSeconds(1);

    private final Path feed;
    private final Set<String> nodes;
    private final TraceRecorder recorder;
    private final Runnable afterEachRead;
    private final Map<String, String> last = new HashMap<>();
    private final List<StateWait> waiters = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-state-feed");
        t.setDaemon(true);
        return t;
    });
    private long position;
    private boolean closed;

    /**
     * @param feed          the feed file (it may not exist yet)
     * @param nodes         the lab's nodes
     * @param recorder      where states are recorded
     * @param afterEachRead run after every read, on the reader's thread (e.g. to note new log lines)
     */
    NodeStateFeedReader(Path feed, List<String> nodes, TraceRecorder recorder, Runnable afterEachRead) {
        this.feed = feed;
        this.nodes = Set.copyOf(nodes);
        this.recorder = recorder;
        this.afterEachRead = afterEachRead;
    }

    @Override
    public void start() {
        read();
        timer.scheduleWithFixedDelay(this::periodicRead, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void periodicRead() {
        read();
        afterEachRead.run();
    }

    @Override
    public synchronized Optional<String> current(String node) {
        return Optional.ofNullable(last.get(node));
    }

    @Override
    public void catchUp() {
        read();
    }

    /** Records the complete lines written since the last read. */
    synchronized void read() {
        if (closed || !Files.exists(feed)) {
            return;
        }
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(feed.toFile(), "r")) {
            long length = file.length();
            if (length <= position) {
                return;
            }
            bytes = new byte[(int) Math.min(length - position, Integer.MAX_VALUE)];
            file.seek(position);
            file.readFully(bytes);
        } catch (IOException e) {
            throw new LabException("cannot read the node-state feed " + feed, e);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        position += end;
        new String(bytes, 0, end, StandardCharsets.UTF_8).lines().forEach(this::note);
        notifyAll();
    }

    private void note(String line) {
        String[] words = line.split(" ");
        long millis;
        try {
            millis = Long.parseLong(words[0]);
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (words.length != 3 || millis < 0) {
            throw new LabException("node-state feed " + feed + ": '" + line
                    + "' is not 'EPOCH_MILLIS NODE STATE'");
        }
        String node = words[1];
        String state = words[2];
        if (!nodes.contains(node)) {
            return;
        }
        long at = recorder.tenthsAt(Instant.ofEpochMilli(millis));
        if (!state.equals(last.put(node, state))) {
            recorder.recordAt(at, "state", node + " " + state);
        }
        waiters.forEach(w -> w.observed(at, node, state));
    }

    @Override
    public boolean awaitState(String node, String state, Duration timeout) {
        StateWait waiting = StateWait.of(recorder, node, state, timeout);
        synchronized (this) {
            waiters.add(waiting);
            try {
                read();
                if (waiting.reached() || waiting.observedNow(last.get(node))) {
                    return true;
                }
                return waiting.await(StateWait.LateAnswers.within(LATE_LINES), () -> closed, untilDeadline -> {
                    wait(PERIOD.toMillis());
                    read();
                });
            } finally {
                waiters.remove(waiting);
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
