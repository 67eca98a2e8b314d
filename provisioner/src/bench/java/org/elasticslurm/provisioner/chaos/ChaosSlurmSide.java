package org.elasticslurm.provisioner.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real controller's side of a chaos run: its ResumeProgram and SuspendProgram runs sent to the service as the
 * hooks send them, its outage (stopped by PID, started again on its state), and the final check of its view.
 */
final class ChaosSlurmSide {
    /** Sends a resume or suspend to the service as the hook does. */
    interface Forwarder {
        void forward(String kind, String hostlist) throws IOException, InterruptedException;
    }

    private final ChaosSlurmctld ctld;
    private final ChaosApi api;
    private final List<String> nodes;
    private final List<String> notes;
    private final Set<String> stuck;
    private final Forwarder forwarder;
    private final AtomicInteger forwarded = new AtomicInteger();

    ChaosSlurmSide(ChaosSlurmctld ctld, ChaosApi api, List<String> nodes, List<String> notes, Set<String> stuck,
                   Forwarder forwarder) {
        this.ctld = ctld;
        this.api = api;
        this.nodes = nodes;
        this.notes = notes;
        this.stuck = stuck;
        this.forwarder = forwarder;
    }

    /** How many program runs were sent. */
    int forwarded() {
        return forwarded.get();
    }

    /**
     * Sends the service what slurmctld's ResumeProgram and SuspendProgram were run for, as the hooks do; while
     * the service is restarting (killed) a call is tried again for up to 60 s.
     */
    void forwardPrograms() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (String[] call : ctld.programCalls()) {
                    Instant end = Instant.now().plusSeconds(60);
                    while (true) {
                        try {
                            forwarder.forward(call[0], call[1]);
                            break;
                        } catch (IOException e) {
                            if (Instant.now().isAfter(end)) {
                                notes.add(call[0] + " " + call[1] + " not sent: " + e);
                                break;
                            }
                            Thread.sleep(200);
                        }
                    }
                    forwarded.incrementAndGet();
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                notes.add("cannot read slurmctld's program calls: " + e);
            }
        }
    }

    /**
     * Waits (bounded) until every node Slurm wakes (POWER_UP, POWERING_UP) has been resumed in the service: its
     * ResumeProgram ran and the resume was sent.
     */
    void awaitEveryWakeForwarded(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            await("every node Slurm wakes resumed in the service").atMost(left.isNegative() ? Duration.ofSeconds(1)
                    : left).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        Map<String, String[]> view = ctld.nodes();
                        Map<String, String[]> service = api.nodes();
                        return nodes.stream().noneMatch(n -> view.get(n)[0].contains("POWER")
                                && (view.get(n)[0].contains("POWER_UP") || view.get(n)[0].contains("POWERING_UP"))
                                && service.get(n)[0].equals("POWERED_DOWN"));
                    });
        } catch (ConditionTimeoutException e) {
            notes.add("wait for every woken node to be resumed ran out of time");
        }
    }

    /** Stops the real slurmctld by PID after {@code after}; the returned thread starts it again after the outage. */
    Thread down(Duration after, boolean kill, Duration length) throws InterruptedException {
        Thread.sleep(after.toMillis()); // the seeded moment: operations are in flight
        long pid = ctld.stop(kill);
        notes.add("slurmctld " + pid + " stopped with " + (kill ? "SIGKILL" : "SIGTERM") + " for "
                + length.toSeconds() + " s");
        Thread back = new Thread(() -> {
            try {
                Thread.sleep(length.toMillis());
                ctld.start(false);
                notes.add("slurmctld started again on its state as " + ctld.pid());
            } catch (InterruptedException | IOException | RuntimeException e) {
                notes.add("slurmctld could not be started again: " + e);
            }
        }, "chaos-slurmctld-back");
        back.start();
        return back;
    }

    /** Waits (bounded) until Slurm shows every node powered down, or DOWN with a reason; others are stuck. */
    void settle(Instant deadline) throws Exception {
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            await("Slurm shows every node powered down or DOWN with a reason")
                    .atMost(left.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : left)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> {
                        Map<String, String[]> view = ctld.nodes();
                        return nodes.stream().allMatch(n -> view.containsKey(n) && ChaosSlurmctld.settled(view.get(n)));
                    });
        } catch (ConditionTimeoutException e) {
            notes.add("wait for Slurm's view ran out of time");
        }
        Map<String, String[]> view = ctld.nodes();
        Map<String, Integer> states = new java.util.TreeMap<>();
        view.values().forEach(v -> states.merge(v[0] + (v[1].isEmpty() ? "" : " (reason)"), 1, Integer::sum));
        notes.add("Slurm's view at the end: " + states);
        for (String n : nodes) {
            String[] v = view.get(n);
            if (v == null || !ChaosSlurmctld.settled(v)) {
                stuck.add(n);
                notes.add("stuck in Slurm: " + n + " " + (v == null ? "not shown" : v[0] + " " + v[1]));
            }
        }
    }
}
