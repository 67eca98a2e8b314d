package org.elasticslurm.fake.cli;

import java.util.Locale;

/** Slurm's keyword test {@code xstrncasecmp(tag, KEYWORD, MAX(strlen(tag), MIN)) == 0}. */
final class Keywords {

    private Keywords() {
    }

    /** Whether {@code tag} is {@code keyword} or an abbreviation of it at least {@code min} characters long. */
    static boolean matches(String tag, String keyword, int min) {
        if (tag.isEmpty() || (tag.length() < min && tag.length() != keyword.length())) {
            return false;
        }
        return keyword.toLowerCase(Locale.ROOT).startsWith(tag.toLowerCase(Locale.ROOT));
    }
}
