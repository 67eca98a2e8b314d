package org.elasticslurm.provisioner.operation;

import java.time.Duration;

/**
 * One step of an operation, run on a worker outside the engine's lock. Backend and Slurm failures are thrown;
 * the engine retries transient ones with backoff and fails the operation otherwise.
 */
@FunctionalInterface
interface Step {

    /** Runs the step and says what comes next. */
    Next run(Progress progress);

    /**
     * What follows a step.
     *
     * @param step the next step, or null when the operation is done
     * @param delay how long to wait before it (zero: at once)
     */
    record Next(Step step, Duration delay) {
        static Next done() {
            return new Next(null, Duration.ZERO);
        }

        static Next now(Step step) {
            return new Next(step, Duration.ZERO);
        }

        static Next after(Duration delay, Step step) {
            return new Next(step, delay);
        }

        boolean isDone() {
            return step == null;
        }
    }

    /** What a step may record about its node while it runs. */
    interface Progress {
        /** The operation's id. */
        String operationId();

        /** Enters a phase. */
        void phase(Phase phase, String message);

        /** Records the backend's id of the machine. */
        void machine(String backendId);

        /** Records the machine's address. */
        void address(String address);

        /** The recorded address, if any. */
        java.util.Optional<String> address();

        /** Writes a line to the operation log without changing anything. */
        void note(String message);

        /** The failure that is being cleaned up after, if this is a cleanup. */
        java.util.Optional<String> failure();
    }
}
