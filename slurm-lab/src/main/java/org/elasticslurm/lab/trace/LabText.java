package org.elasticslurm.lab.trace;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes recorded text independent of the machine and the run: the lab directory becomes {@code $LAB}, the
 * machine's short host name (as a whole word) {@code $HOST}, as in the shared traces, and a date-time such as
 * {@code 2026-11-28T16:02:48} (slurmstepd's "CANCELLED AT ...") {@code $DATETIME}.
 */
public final class LabText {

    private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");

    private final String lab;
    private final Pattern host;

    public LabText(Path labDir, String hostName) {
        this.lab = labDir.toString();
        this.host = hostName.isBlank() ? null
                : Pattern.compile("(?<![\\w.-])" + Pattern.quote(hostName) + "(?![\\w-])");
    }

    public String normalize(String text) {
        String out = DATETIME.matcher(text.replace(lab, "$LAB")).replaceAll(Matcher.quoteReplacement("$DATETIME"));
        return host == null ? out : host.matcher(out).replaceAll(Matcher.quoteReplacement("$HOST"));
    }
}
