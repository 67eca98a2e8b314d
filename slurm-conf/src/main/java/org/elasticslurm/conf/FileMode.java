package org.elasticslurm.conf;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Octal file modes (as slurmctld's hook rules speak of them, e.g. {@code 0755}) as Java permission sets. */
public final class FileMode {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private FileMode() {
    }

    /**
     * The permissions of an octal mode's lower nine bits ({@code 0775} gives rwxrwxr-x).
     *
     * @throws IllegalArgumentException when the mode has bits beyond 0777
     */
    public static Set<PosixFilePermission> permissions(int mode) {
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException("file mode " + Integer.toOctalString(mode)
                    + " has bits beyond 0777: only read/write/execute for owner, group and others are allowed");
        }
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(BITS[i]);
            }
        }
        return set;
    }
}
