package org.elasticslurm.provisioner.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The rule for the files a hook trusts (its client.conf, which names the url that receives the token, and the
 * token file), in the spirit of slurmctld's rule for its hook programs: not writable by group or others, and
 * owned by root or by the user running the hook (SlurmUser, as slurmctld runs hooks as SlurmUser).
 */
final class TrustedFile {
    private TrustedFile() {
    }

    /**
     * Checks one file.
     *
     * @param file the file (symbolic links followed: the file read is the one checked)
     * @param what what it is, for the message ({@code "client configuration"}, {@code "token-file"})
     * @throws IllegalArgumentException naming the file, the rule and how to fix it
     * @throws IOException when its attributes cannot be read (a missing file included)
     */
    static void check(Path file, String what) throws IOException {
        check(file, what, System.getProperty("user.name"));
    }

    /**
     * Checks one file for the hooks that will run as {@code self} (an installer running as root checks for
     * SlurmUser).
     *
     * @throws IllegalArgumentException naming the file, the rule and how to fix it
     * @throws IOException when its attributes cannot be read (a missing file included)
     */
    static void check(Path file, String what, String self) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalArgumentException(what + " " + file + " is writable by group or others (mode "
                    + mode(p) + "); not used: make it writable by its owner only (chmod go-w)");
        }
        String owner = a.owner().getName();
        if (!owner.equals("root") && !owner.equals(self)) {
            throw new IllegalArgumentException(what + " " + file + " is owned by " + owner + "; not used: it must be"
                    + " owned by root or by the user running the hook (" + self + ")");
        }
    }

    private static String mode(Set<PosixFilePermission> p) {
        int m = 0;
        for (PosixFilePermission bit : p) {
            m |= 1 << (8 - bit.ordinal());
        }
        return String.format("%04o", m);
    }
}
