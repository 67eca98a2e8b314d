package org.elasticslurm.conf;

/**
 * A hostlist expression that does not follow Slurm's grammar.
 *
 * <p>The message names the expression, the 1-based column of the offending character and the rule that was
 * broken, e.g. {@code n[3-1]: column 3: invalid range 3-1: the low bound must not exceed the high bound}.
 */
public final class HostlistException extends IllegalArgumentException {
    private final String expression;
    private final int column;
    private final String rule;

    /**
     * @param expression the whole expression as given
     * @param column 1-based column of the offending character
     * @param rule the rule that was broken, in words
     */
    public HostlistException(String expression, int column, String rule) {
        super(expression + ": column " + column + ": " + rule);
        this.expression = expression;
        this.column = column;
        this.rule = rule;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    /** 1-based column of the offending character. */
    public int column() {
        return column;
    }

    /** The broken rule, in words. */
    public String rule() {
        return rule;
    }
}
