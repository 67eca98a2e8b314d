package org.elasticslurm.fake.reference;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes recorded text independent of the machine and the run: the lab directory becomes {@code $LAB} and the
 * machine's short host name (as a whole word) becomes {@code $HOST}, as in the shared traces.
 */
public final class LabText {

    private final String lab;
    private final Pattern host;

    public LabText(Path labDir, String hostName) {
        this.lab = labDir.toString();
        this.host = hostName.isBlank() ? null
                : Pattern.compile("(?<![\\w.-])" + Pattern.quote(hostName) + "(?![\\w-])");
    }

    public String normalize(String text) {
        String out = text.replace(lab, "$LAB");
        return host == null ? out : host.matcher(out).replaceAll(Matcher.quoteReplacement("$HOST"));
    }
}
