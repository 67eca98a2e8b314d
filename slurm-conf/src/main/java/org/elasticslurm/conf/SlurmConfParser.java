package org.elasticslurm.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads slurm.conf as slurmctld 22.05 does (parse_config.c, read_config.c), into an immutable {@link SlurmConf}.
 *
 * <ul>
 *   <li>Keys match without regard to case; one {@code Key=Value} per line, except NodeName, PartitionName,
 *       NodeSet and DownNodes lines. Values run to the next white space or are quoted ({@code "a b"}).</li>
 *   <li>{@code #} starts a comment unless escaped ({@code \#}); a line ending in {@code \} continues on the next
 *       line (joined without a space); every other backslash escapes the character after it. Text such as
 *       {@code $LAB} is kept literally.</li>
 *   <li>{@code Include FILE} (at the start of a line) reads FILE at that point, relative to the including file's
 *       directory; {@code %c} is replaced by the ClusterName set before it; includes nest; a cycle is an error.
 *       A wildcard in the file name is expanded (sorted) with a warning, because slurmctld 22.05 does not
 *       expand it and would fail to start.</li>
 *   <li>{@code NodeName=DEFAULT} and {@code PartitionName=DEFAULT} values apply to later lines.</li>
 *   <li>Top-level keys are those of the chosen {@link SlurmVersion}: an unknown one, a removed one the version
 *       refuses, or a plugin the version does not ship is an error with the daemon's message (slurmctld stops
 *       on them); unknown options of NodeName/PartitionName lines are errors too.</li>
 *   <li>Values the daemon would correct or ignore give warnings worded as the daemon logs them
 *       ({@code TreeWidth=0 is invalid}, {@code Invalid SuspendExcNodes ... ignored}, ...).</li>
 * </ul>
 * Errors name {@code file:line} (an included file's own), the rule and the offending text. The whole file is
 * read and every error is reported in one {@link SlurmConfException}; when there is one, nothing is returned.
 */
public final class SlurmConfParser {

    private final SlurmVersion version;

    /** A parser with the rules of Slurm 22.05. */
    public SlurmConfParser() {
        this(SlurmVersion.V22_05);
    }

    /** A parser with the rules of the given version. */
    public SlurmConfParser(SlurmVersion version) {
        this.version = version;
    }

    /** The version whose rules apply. */
    public SlurmVersion version() {
        return version;
    }

    /**
     * Parses a file and what it includes.
     *
     * @throws SlurmConfException with every unusable line, naming {@code file:line}, the rule and the text
     *                            (line 0 when the file itself cannot be read)
     */
    public SlurmConf parse(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SlurmConfException(new SourceLocation(file, 0), file.toString(),
                    "cannot read slurm.conf: " + e, e);
        }
        return parse(text, file);
    }

    /**
     * Parses text as if it were the content of {@code file} (includes are resolved relative to it).
     *
     * @throws SlurmConfException with every unusable line
     */
    public SlurmConf parse(String text, Path file) {
        return new ParseRun(file, version).parse(text);
    }
}
