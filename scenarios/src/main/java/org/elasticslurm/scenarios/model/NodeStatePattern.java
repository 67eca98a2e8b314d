package org.elasticslurm.scenarios.model;

import java.util.Locale;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.conf.state.SinfoState;

/**
 * An expected node state, written either as scontrol prints it ({@code IDLE+CLOUD+POWERED_DOWN}: base and
 * exactly these flags, in any order) or as sinfo prints it ({@code idle~}, {@code alloc#}, {@code down~}); both
 * read by slurm-conf's node-state vocabulary.
 */
public sealed interface NodeStatePattern {

    /** Whether an observed state matches. */
    boolean matches(NodeState state);

    /**
     * Parses either form; lower case means sinfo's, upper case scontrol's.
     *
     * @throws IllegalArgumentException naming the bad word and the allowed ones
     */
    static NodeStatePattern parse(String text) {
        if (text.equals(NotListed.WORD)) {
            return new NotListed();
        }
        if (text.matches("[a-z_]+[$^@#%~!*+-]?")) {
            try {
                return new Sinfo(SinfoState.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage()
                        + " (or write scontrol's form, e.g. IDLE+CLOUD+POWERED_DOWN)", e);
            }
        }
        if (!text.isEmpty() && text.equals(text.toUpperCase(Locale.ROOT))) {
            return new Exact(NodeState.parse(text));
        }
        throw new IllegalArgumentException("'" + text + "' is not a node state: write scontrol's form in upper case "
                + "(IDLE+CLOUD+POWERED_DOWN) or sinfo's form in lower case (idle~, alloc#, down~)");
    }

    /** scontrol's form: same base, same flags. */
    record Exact(NodeState state) implements NodeStatePattern {
        @Override
        public boolean matches(NodeState observed) {
            return state.equals(observed);
        }

        @Override
        public String toString() {
            return state.toString();
        }
    }

    /**
     * {@code NOT_FOUND}: scontrol does not list the node (PrivateData=cloud hides a powered-down CLOUD node). Only the
     * differential suite's lab records it as a state; a listed node never matches it.
     */
    record NotListed() implements NodeStatePattern {
        /** The word as written. */
        public static final String WORD = "NOT_FOUND";

        @Override
        public boolean matches(NodeState observed) {
            return false;
        }

        @Override
        public String toString() {
            return WORD;
        }
    }

    /** sinfo's form. */
    record Sinfo(SinfoState state) implements NodeStatePattern {
        @Override
        public boolean matches(NodeState observed) {
            return state.matches(observed);
        }

        @Override
        public String toString() {
            return state.toString();
        }
    }
}
