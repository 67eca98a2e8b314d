package org.elasticslurm.lab.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.elasticslurm.lab.process.Pause;
import org.elasticslurm.lab.real.Lab;

/**
 * One step of a {@link Scenario}. {@link #source()} is written in the trace's vocabulary ({@code wait-state node1
 * IDLE+CLOUD 10}): an early stop is recorded with it; fake-slurmctld's {@code src/test/differential/README.md}.
 */
public sealed interface Step {

    /** The step as written in the scenario file (for messages). */
    String source();

    /**
     * Performs the step in a lab.
     *
     * @return why the scenario cannot go on (a wait timed out ...), or empty
     */
    Optional<String> perform(Lab lab);

    /** {@code at SECONDS}: wait until that time since the start. */
    record At(Duration since, String source) implements Step {
        @Override
        public Optional<String> perform(Lab lab) {
            Duration left = since.minus(lab.elapsed());
            if (!left.isNegative()) {
                Pause.pause(left);
            }
            return Optional.empty();
        }
    }

    /** {@code sleep SECONDS}: wait that long. */
    record Sleep(Duration duration, String source) implements Step {
        @Override
        public Optional<String> perform(Lab lab) {
            Pause.pause(duration);
            return Optional.empty();
        }
    }

    /** {@code bg NAME CMD}: run a shell command in the background; its output and exit are recorded at its end. */
    record Background(String name, String command, String source) implements Step {
        @Override
        public Optional<String> perform(Lab lab) {
            lab.background(name, command);
            return Optional.empty();
        }
    }

    /** {@code run NAME CMD}: run a shell command and wait for it (at most {@link #LIMIT}). */
    record Run(String name, String command, String source) implements Step {
        /** Longest a foreground command may take. */
        public static final Duration LIMIT = Duration.ofSeconds(60);

        @Override
        public Optional<String> perform(Lab lab) {
            lab.run(name, command, LIMIT);
            return Optional.empty();
        }
    }

    /** {@code slurmd NODE [ARGS]}: start {@code slurmd -D -N NODE [ARGS] -f slurm.conf}. */
    record StartSlurmd(String node, List<String> args, String source) implements Step {
        public StartSlurmd {
            args = List.copyOf(args);
        }

        @Override
        public Optional<String> perform(Lab lab) {
            lab.startSlurmd(node, args);
            return Optional.empty();
        }
    }

    /** {@code kill-slurmd NODE}: SIGKILL that node's slurmd (its machine goes away). */
    record KillSlurmd(String node, String source) implements Step {
        @Override
        public Optional<String> perform(Lab lab) {
            lab.killSlurmd(node);
            return Optional.empty();
        }
    }

    /** {@code mark TEXT}: write a mark line. */
    record Mark(String text, String source) implements Step {
        @Override
        public Optional<String> perform(Lab lab) {
            lab.mark(text);
            return Optional.empty();
        }
    }

    /**
     * {@code wait-state NODE STATE TIMEOUT}: wait until the sampled state equals STATE, now or in a sample taken
     * within TIMEOUT (a sample asked before the deadline counts even if a slow scontrol answers after it).
     */
    record WaitState(String node, String state, Duration timeout, String source) implements Step {
        @Override
        public Optional<String> perform(Lab lab) {
            return lab.awaitState(node, state, timeout) ? Optional.empty()
                    : Optional.of(source + ": state still " + lab.state(node).orElse("unknown"));
        }
    }

    /** {@code wait-job NAME TIMEOUT}: wait until a background command has ended. */
    record WaitJob(String name, Duration timeout, String source) implements Step {
        @Override
        public Optional<String> perform(Lab lab) {
            return lab.awaitJob(name, timeout) ? Optional.empty() : Optional.of(source + ": still running");
        }
    }

    /**
     * {@code log REGEX} / {@code expect-log TIMEOUT REGEX}: record new controller log lines that match; the
     * second form waits until at least one does, and records the matching lines that appear after it as well (at
     * the time they were first seen) when the recording ends: the daemon writes the lines of one event one after
     * another, and the step may have read the file between two of them.
     */
    record Log(Pattern pattern, Duration timeout, boolean required, String source) implements Step {
        @Override
        public Optional<String> perform(Lab lab) {
            if (!required) {
                lab.recordLog(pattern);
                return Optional.empty();
            }
            lab.recordLogUntilEnd(pattern);
            return awaitOrAbort(timeout, () -> lab.recordLog(pattern) > 0, () -> source + ": no such log line");
        }
    }

    /** Polls {@code done} every 100 ms; the reason from {@code why} if it is not done within {@code timeout}. */
    private static Optional<String> awaitOrAbort(Duration timeout, BooleanSupplier done, Supplier<String> why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return Optional.of(why.get());
            }
            Pause.pause(Duration.ofMillis(100));
        }
        return Optional.empty();
    }
}
