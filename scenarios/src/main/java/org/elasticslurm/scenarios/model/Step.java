package org.elasticslurm.scenarios.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One thing a scenario does, at its {@code at:} time or after the previous step. Steps that act on the lab
 * ({@link Action}) are carried out by a target; {@link Advance} and {@link WaitFor} are the runner's own.
 */
public sealed interface Step {
    /** Id, start time, position. */
    StepHeader header();

    /** One line for reports: {@code submit srun -w node1 hostname}. */
    String describe();

    /** A step a target carries out. */
    sealed interface Action extends Step {
    }

    /**
     * Submits a job.
     *
     * @param command {@code srun} or {@code sbatch}
     * @param args the arguments after the command
     */
    record Submit(StepHeader header, String command, List<String> args) implements Action {
        public Submit {
            args = List.copyOf(args);
        }

        /** The job's id in expectations ({@code job1}). */
        public String jobId() {
            return header.id().orElseThrow();
        }

        @Override
        public String describe() {
            return "submit " + command + (args.isEmpty() ? "" : " " + String.join(" ", args));
        }
    }

    /**
     * Starts slurmd for a node ({@code slurmd -D -N node [-b]}).
     *
     * @param node the node
     * @param bootTimeFromStart {@code -b}: report slurmd's start as the boot time, not the machine's boot
     */
    record StartSlurmd(StepHeader header, String node, boolean bootTimeFromStart) implements Action {
        @Override
        public String describe() {
            return "start slurmd -N " + node + (bootTimeFromStart ? " -b" : "");
        }
    }

    /**
     * Runs a command line.
     *
     * @param command the command line (run by {@code /bin/sh -c})
     * @param on {@code controller} or a node name
     * @param expectExit the exit status that counts as success (default 0); empty = any
     * @param background {@code background: true}: started, not waited for ({@code wait: {job: ID}} waits for its
     *                   end); the differential suite's
     */
    record RunCommand(StepHeader header, String command, String on, OptionalInt expectExit, boolean background)
            implements Action {
        /** A command the step waits for. */
        public RunCommand(StepHeader header, String command, String on, OptionalInt expectExit) {
            this(header, command, on, expectExit, false);
        }

        @Override
        public String describe() {
            return "run " + (background ? "in the background " : "") + "on " + on + ": " + command;
        }
    }

    /**
     * Writes a mark into the run's record (the differential suite's trace).
     *
     * @param text the mark
     */
    record Mark(StepHeader header, String text) implements Action {
        @Override
        public String describe() {
            return "mark " + text;
        }
    }

    /**
     * Records the controller log lines that match, written since the last such step (the differential suite's
     * trace compares them); with a timeout, waits until one does.
     *
     * @param regex a Java regular expression, found anywhere in a line
     * @param timeout how long to wait for a matching line; empty = record what is there, do not wait
     */
    record LogLines(StepHeader header, String regex, Optional<Duration> timeout) implements Action {
        @Override
        public String describe() {
            return "log " + regex + timeout.map(t -> " (wait at most " + Durations.format(t) + ")").orElse("");
        }
    }

    /**
     * {@code scontrol update nodename=<nodes> key=value ...}.
     *
     * @param nodes the nodename hostlist
     * @param settings the other key=value pairs, keys in lower case, in order
     */
    record ScontrolUpdate(StepHeader header, String nodes, Map<String, String> settings) implements Action {
        public ScontrolUpdate {
            settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder("scontrol update nodename=").append(nodes);
            settings.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            return b.toString();
        }
    }

    /** Stops a component (slurmd names its node). */
    record Stop(StepHeader header, Component component, Optional<String> node) implements Action {
        @Override
        public String describe() {
            return "stop " + component + node.map(n -> " on " + n).orElse("");
        }
    }

    /** Restarts a component (slurmd names its node). */
    record Restart(StepHeader header, Component component, Optional<String> node) implements Action {
        @Override
        public String describe() {
            return "restart " + component + node.map(n -> " on " + n).orElse("");
        }
    }

    /**
     * Makes the provisioner's backend fail.
     *
     * @param nodes the nodes affected (hostlist); empty = every node
     * @param times how many times it fails; empty = until the end of the run
     * @param delay extra boot time for {@link FaultKind#SLOW_BOOT}
     */
    record InjectFault(StepHeader header, FaultKind fault, Optional<String> nodes, OptionalInt times,
                       Optional<Duration> delay) implements Action {
        @Override
        public String describe() {
            return "inject fault " + fault + nodes.map(n -> " on " + n).orElse("")
                    + delay.map(d -> " (" + Durations.format(d) + ")").orElse("")
                    + (times.isPresent() ? " x" + times.getAsInt() : "");
        }
    }

    /** Lets scenario time pass (the virtual clock on sim, real waiting elsewhere). */
    record Advance(StepHeader header, Duration by) implements Step {
        @Override
        public String describe() {
            return "advance " + Durations.format(by);
        }
    }

    /** Waits until a condition holds; fails after the timeout. */
    record WaitFor(StepHeader header, WaitCondition condition, Duration timeout) implements Step {
        @Override
        public String describe() {
            return "wait until " + condition + " (at most " + Durations.format(timeout) + ")";
        }
    }
}
