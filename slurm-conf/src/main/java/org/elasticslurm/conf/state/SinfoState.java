package org.elasticslurm.conf.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node state as sinfo prints it, compact ({@code %t}: {@code idle~}, {@code alloc#}, {@code inval}) or long
 * ({@code %T}: {@code allocated#}, {@code drained}), in lower case. Several {@link NodeState}s print alike
 * ({@code idle~} is IDLE+POWERED_DOWN with or without CLOUD), so this is a pattern over them.
 *
 * @param text the word and its suffix, as sinfo prints them
 * @param compact whether the word is of the compact form ({@code %t}); a word both forms share counts as compact
 */
public record SinfoState(String text, boolean compact) {

    private static final Pattern FORM = Pattern.compile("([a-z_]+)([$^@#%~!*+-]?)");

    /**
     * Parses a sinfo state word with at most one suffix.
     *
     * @throws IllegalArgumentException naming the unknown word and the allowed ones
     */
    public static SinfoState parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a sinfo state: a lower-case word, optionally "
                    + "followed by one of " + SinfoWords.SUFFIXES);
        }
        SinfoWords form = SinfoWords.formOf(m.group(1));
        if (form == null) {
            throw new IllegalArgumentException("unknown sinfo state '" + m.group(1) + "'; allowed: "
                    + String.join(", ", SinfoWords.COMPACT.words()) + " (sinfo %t) or "
                    + String.join(", ", SinfoWords.LONG.words()) + " (sinfo %T), each optionally followed by one of "
                    + SinfoWords.SUFFIXES);
        }
        return new SinfoState(text, form == SinfoWords.COMPACT);
    }

    /** Whether sinfo prints {@code state} as this text. */
    public boolean matches(NodeState state) {
        return (compact ? state.sinfoCompact() : state.sinfoLong()).equals(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
