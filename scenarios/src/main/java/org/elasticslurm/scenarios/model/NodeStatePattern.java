package org.elasticslurm.scenarios.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expected node state, written either as scontrol prints it ({@code IDLE+CLOUD+POWERED_DOWN}: base and
 * exactly these flags, in any order) or as sinfo's compact form ({@code idle~}, {@code alloc#}, {@code down~}).
 */
public sealed interface NodeStatePattern {

    /** The compact words sinfo prints. */
    List<String> SINFO_WORDS = List.of("idle", "alloc", "mix", "comp", "down", "drain", "drng", "fail", "failg",
            "futr", "unk", "inval");

    /** The suffixes sinfo appends. */
    String SINFO_SUFFIXES = "$^@#%~!*";

    /** Whether an observed state matches. */
    boolean matches(NodeState state);

    /**
     * Parses either form; lower case means sinfo's, upper case scontrol's.
     *
     * @throws IllegalArgumentException naming the bad word and the allowed ones
     */
    static NodeStatePattern parse(String text) {
        Matcher m = Pattern.compile("([a-z]+)([\\$\\^@#%~!*]?)").matcher(text);
        if (m.matches()) {
            if (!SINFO_WORDS.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown sinfo state '" + m.group(1) + "'; allowed: "
                        + String.join(", ", SINFO_WORDS) + ", each optionally followed by one of " + SINFO_SUFFIXES
                        + " (or write scontrol's form, e.g. IDLE+CLOUD+POWERED_DOWN)");
            }
            return new Sinfo(text);
        }
        if (!text.isEmpty() && text.equals(text.toUpperCase(java.util.Locale.ROOT))) {
            return new Exact(NodeState.parse(text));
        }
        throw new IllegalArgumentException("'" + text + "' is not a node state: write scontrol's form in upper case "
                + "(IDLE+CLOUD+POWERED_DOWN) or sinfo's compact form in lower case (idle~, alloc#, down~)");
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

    /** sinfo's compact form. */
    record Sinfo(String text) implements NodeStatePattern {
        @Override
        public boolean matches(NodeState observed) {
            return observed.sinfo().equals(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
