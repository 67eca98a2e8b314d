package org.elasticslurm.scenarios.model;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Something a scenario run must show. Windows are measured from the expectation's {@link Anchor}. */
public sealed interface Expectation {

    /** Id, anchor, position. */
    ExpectationHeader header();

    /** One line for reports. */
    String describe();

    /**
     * What every expectation has.
     *
     * @param id for later {@code after:} references
     * @param after where its window starts
     * @param position where it is written
     * @param versions the Slurm versions it holds for ({@code versions:}); empty = every version. On a run of
     *                 another version it is not applicable, saying which versions it holds for
     */
    record ExpectationHeader(Optional<String> id, Anchor after, Position position,
                             java.util.Set<org.elasticslurm.conf.SlurmVersion> versions) {

        public ExpectationHeader {
            versions = versions.isEmpty() ? java.util.Set.of()
                    : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(versions));
        }

        /** An expectation of every version. */
        public ExpectationHeader(Optional<String> id, Anchor after, Position position) {
            this(id, after, position, java.util.Set.of());
        }

        /** Whether it holds for a run of {@code version}. */
        public boolean holdsFor(org.elasticslurm.conf.SlurmVersion version) {
            return versions.isEmpty() || versions.contains(version);
        }
    }

    /** The node is in the state at some moment within the window. */
    record Reaches(ExpectationHeader header, String node, NodeStatePattern state, Duration within)
            implements Expectation {
        @Override
        public String describe() {
            return node + " reaches " + state + " within " + Durations.format(within) + " after " + header.after();
        }
    }

    /** The node is in the state throughout the window (and at its start). */
    record Stays(ExpectationHeader header, String node, NodeStatePattern state, Duration during)
            implements Expectation {
        @Override
        public String describe() {
            return node + " stays " + state + " during " + Durations.format(during) + " after " + header.after();
        }
    }

    /**
     * The hook is called (with these arguments) within the window, or exactly {@code times} times in it.
     *
     * @param args the expected argument, a hostlist compared by the names it expands to; empty = any
     * @param within the window; empty = until the end of the run
     * @param times how many matching calls; empty = at least one
     */
    record HookCalled(ExpectationHeader header, HookRole hook, Optional<String> args, Optional<Duration> within,
                      OptionalInt times) implements Expectation {
        @Override
        public String describe() {
            String count = times.isPresent() ? (times.getAsInt() == 0 ? "never called" : "called " + times.getAsInt()
                    + " time(s)") : "called";
            return hook + " hook " + count + args.map(a -> " with " + a).orElse("")
                    + within.map(w -> " within " + Durations.format(w)).orElse("") + " after " + header.after();
        }
    }

    /**
     * The job ends (in this state, with this text in its output) within the window.
     *
     * @param job the id of a submit step
     */
    record JobOutcome(ExpectationHeader header, String job, Optional<JobState> state, Optional<String> output,
                      Optional<Duration> within) implements Expectation {
        @Override
        public String describe() {
            return job + " ends" + state.map(s -> " " + s).orElse("")
                    + output.map(o -> " printing '" + o + "'").orElse("")
                    + within.map(w -> " within " + Durations.format(w)).orElse("");
        }
    }

    /** A log line of the controller (or provisioner) contains this text, within the window. */
    record LogLine(ExpectationHeader header, String contains, Optional<Duration> within) implements Expectation {
        @Override
        public String describe() {
            return "log shows '" + contains + "'" + within.map(w -> " within " + Durations.format(w)).orElse("");
        }
    }

    /** At the end of the run no machine (VM, domain, volume, seed) of the scenario exists any more. */
    record NoVmLeft(ExpectationHeader header) implements Expectation {
        @Override
        public String describe() {
            return "no VM left behind";
        }
    }

    /**
     * At the end of the run, defunct (zombie) processes descended from the hooks exist, or none do.
     *
     * @param present true: the run must show some (reproducing the trap); false: none
     */
    record DefunctProcesses(ExpectationHeader header, boolean present) implements Expectation {
        @Override
        public String describe() {
            return present ? "defunct processes are left behind" : "no defunct process is left behind";
        }
    }
}
