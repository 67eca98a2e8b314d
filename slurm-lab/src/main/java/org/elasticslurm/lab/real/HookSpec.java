package org.elasticslurm.lab.real;

import java.util.regex.Pattern;

/**
 * How one hook program of a lab is laid out in {@code $LAB/hooks/<name>}: written with a file mode, or left
 * absent (to test the daemon's validity checks).
 *
 * @param name    the file name, e.g. {@code resume}
 * @param mode    octal permission bits, e.g. {@code 0755}; ignored when absent
 * @param present false leaves the file out
 */
public record HookSpec(String name, int mode, boolean present) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

    public HookSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("hook name must be lower-case letters, digits, '_' or '-': '" + name + "'");
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("hook mode must be octal 0000-7777: " + Integer.toOctalString(mode));
        }
    }

    /** A hook written with mode 0755, as the real daemon accepts it. */
    public static HookSpec valid(String name) {
        return new HookSpec(name, 0755, true);
    }
}
