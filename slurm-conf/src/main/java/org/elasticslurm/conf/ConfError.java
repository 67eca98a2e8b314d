package org.elasticslurm.conf;

/**
 * One unusable piece of a slurm.conf. Prints as {@code file:line: rule: offending text}.
 *
 * @param location where the bad text stands (the included file and its line for text of an included file)
 * @param offendingText the text as written
 * @param rule the rule it breaks, in words (the real daemon's where it has them)
 */
public record ConfError(SourceLocation location, String offendingText, String rule) {
    @Override
    public String toString() {
        return location + ": " + rule + ": " + offendingText;
    }
}
