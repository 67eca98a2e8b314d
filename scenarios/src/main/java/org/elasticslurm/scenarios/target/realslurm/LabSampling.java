package org.elasticslurm.scenarios.target.realslurm;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.lab.real.Lab;
import org.elasticslurm.lab.real.SlurmctldLog;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.lab.ScontrolProbe;
import org.elasticslurm.scenarios.trace.LogLine;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * What a process lab's session observes of the lab: node states ({@code scontrol show node}) and the controller's log,
 * sampled with millisecond times, and the registrations that log dates exactly ("Node X now responding",
 * {@link RegistrationLog}) merged into the node states ({@link StateSamples}). The lab's own sampler, every 0.5 s with
 * times in tenths, is not used.
 */
final class LabSampling {

    /**
     * How often node states and the controller's log are sampled. A state shorter than this can fall between two
     * samples; the one such state the scenarios rely on, ALLOCATED+CLOUD from a powering-up node's registration to
     * its short job's end, is dated from the log's "now responding" line instead ({@link NowResponding}, merged by
     * {@link StateSamples}).
     */
    static final Duration SAMPLE = Duration.ofMillis(100);
    private static final Pattern ANY = Pattern.compile("");

    private final TargetKind kind;
    private final Lab lab;
    private final String scontrol;
    private final StateSamples states = new StateSamples();
    private final RegistrationLog registrations;
    private final List<LogLine> log = new ArrayList<>();
    private final SlurmctldLog controllerLog;
    private final ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "lab-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile RuntimeException samplingError;

    /**
     * @param kind     the target it samples for (named in a sampling failure)
     * @param lab      the started lab
     * @param scontrol the scontrol executable
     */
    LabSampling(TargetKind kind, Lab lab, String scontrol) {
        this.kind = kind;
        this.lab = lab;
        this.scontrol = scontrol;
        this.controllerLog = new SlurmctldLog(lab.directory().resolve("log/slurmctld.log"));
        this.registrations = new RegistrationLog(states, ZoneId.systemDefault(), lab::elapsedAt);
    }

    /**
     * Starts sampling node states and the controller log every {@link #SAMPLE}, each on its own thread: a node
     * state sample runs {@code scontrol}, which takes a JVM start with the drop-in commands, and must not delay
     * the log's (a file read). A failed sample is reported by the next {@link #throwIfFailed()}; sampling goes on.
     */
    void start() {
        for (Runnable task : List.<Runnable>of(this::takeLog, () -> sampleStates())) {
            sampler.scheduleWithFixedDelay(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    samplingError = e;
                }
            }, 0, SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Adds slurmctld's new log lines, at the time they are seen (to the sampling period), and hands the registrations
     * among them to the node states at the time they were logged.
     */
    void takeLog() {
        synchronized (log) {
            Duration at = lab.elapsed();
            controllerLog.takeLogged(ANY, at.toMillis() / 100).forEach(l -> {
                log.add(new LogLine(at, "slurmctld", l.text()));
                registrations.note(l, at);
            });
        }
    }

    /**
     * Takes one {@code scontrol show node} sample now; returns the scenario time from which the recorded states hold
     * what it saw (its start, or a later sample's start when that one was taken first).
     */
    Duration sampleStates() {
        Duration at = lab.elapsed();
        CommandResult r = CommandResult.run(List.of(scontrol, "show", "node"), lab.environment(), lab.directory(),
                Duration.ofSeconds(10));
        if (r.exitCode() != 0) {
            return lab.elapsed(); // as the lab's sampler does: a failed sample is dropped
        }
        return states.take(at, lab.elapsed(), ScontrolProbe.states(r.stdout(), lab.conf().nodes()));
    }

    /** How many controller log lines have been taken so far (an index for {@link #linesFrom}). */
    int logSize() {
        synchronized (log) {
            return log.size();
        }
    }

    /** Takes the controller's new log lines, then returns those from index {@code from} on. */
    List<LogLine> linesFrom(int from) {
        takeLog();
        synchronized (log) {
            return List.copyOf(log.subList(Math.min(from, log.size()), log.size()));
        }
    }

    /** The controller's log lines taken so far. */
    List<LogLine> lines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The node state changes observed so far, in time order. */
    List<StateChange> stateChanges() {
        return states.changes();
    }

    /**
     * @throws TargetException if a sample has failed since sampling started
     */
    void throwIfFailed() {
        RuntimeException error = samplingError;
        if (error != null) {
            throw error instanceof TargetException t ? t
                    : new TargetException("sampling the " + kind + " lab failed: " + error.getMessage(), error);
        }
    }

    /** Stops sampling, waiting up to 15 s for a sample under way. */
    void stop() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
