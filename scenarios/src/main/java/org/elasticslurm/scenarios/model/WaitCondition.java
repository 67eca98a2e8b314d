package org.elasticslurm.scenarios.model;

/** What a {@code wait} step waits for. */
public sealed interface WaitCondition {

    /** A node is in a state. */
    record NodeIn(String node, NodeStatePattern state) implements WaitCondition {
        @Override
        public String toString() {
            return node + " is " + state;
        }
    }

    /** A job has ended. */
    record JobEnded(String job) implements WaitCondition {
        @Override
        public String toString() {
            return job + " has ended";
        }
    }

    /** A hook program has been called. */
    record HookCalled(HookRole hook) implements WaitCondition {
        @Override
        public String toString() {
            return hook + " has been called";
        }
    }
}
