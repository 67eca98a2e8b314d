package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A bin directory of wrappers that run the real Slurm commands of a {@link SlurmRoot}. Each wrapper runs its
 * command in a mount namespace of its own ({@code unshare -m --propagation private}) with the host's
 * {@value #MOUNTS} bind-mounted into the root (the host's munged socket; labs under /tmp), then chroot-execs the
 * real program: its PID is the wrapper's, and nothing is mounted on the shared root. A daemon given
 * {@code -f FILE} also gets the {@code cgroup.conf} that 24.11 and later need beside FILE
 * ({@code CgroupPlugin=disabled}), unless one is there.
 *
 * <p>A wrapper started inside the root (by a hook the root's slurmctld runs, or by a job; the bin directory must
 * then be under /tmp to be seen there) runs the root's own program directly: it tells by the root's
 * {@code VERSION_CODENAME} in {@code /etc/os-release}. Wrappers use bash builtins and absolute paths only, as
 * hooks get no PATH.
 *
 * <p>From a shell: {@code java -cp slurm-lab/target/classes org.elasticslurm.lab.real.RootCommands 24.11 DIR}
 * writes DIR for the root {@code ci/slurm-root.sh} built (fake-slurmctld's differential README).
 */
public final class RootCommands {

    /** The commands a bin directory gets. */
    public static final List<String> COMMANDS =
            List.of("slurmctld", "slurmd", "scontrol", "sinfo", "squeue", "srun", "sbatch", "scancel");
    /** What each command's namespace bind-mounts from the host into the root. */
    static final String MOUNTS = "proc sys dev dev/pts run/munge tmp";
    /** Exit status of a wrapper whose root is gone (sysexits' EX_UNAVAILABLE). */
    static final int ROOT_MISSING = 69;

    private RootCommands() {
    }

    /**
     * Writes the wrappers of {@link #COMMANDS} into {@code binDir} (each replaced atomically, so runs that share
     * the directory never see half a file) and returns the side's commands, labelled {@code real-VERSION}.
     */
    public static SlurmCommands write(SlurmRoot root, Path binDir) {
        Path dir = binDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            for (String command : COMMANDS) {
                Path tmp = Files.createTempFile(dir, "." + command, ".tmp");
                Files.writeString(tmp, wrapper(root, command));
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(tmp, dir.resolve(command), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Slurm " + root.version() + " commands into " + dir, e);
        }
        return new SlurmCommands("real-" + root.version(), List.of(dir), false);
    }

    /** The wrapper script of {@code command} for {@code root}. */
    static String wrapper(SlurmRoot root, String command) {
        String exe = root.executable(command);
        return """
                #!/bin/bash
                # %1$s of slurm-wlm %2$s from the root %3$s (written by org.elasticslurm.lab.real.RootCommands)
                root=%4$s
                exe=%5$s
                if [[ ! -d $root ]]; then
                    codename=
                    while IFS='=' read -r key value; do
                        [[ $key == VERSION_CODENAME ]] && codename=$value
                    done < /etc/os-release
                    if [[ $codename == %6$s ]]; then
                        exec "$exe" "$@"   # inside the root already (a hook, a job): its own program
                    fi
                    echo "$0: the Slurm %2$s root $root is gone; build it with 'sudo %7$s'" >&2
                    exit %8$d
                fi
                prev=
                for a in "$@"; do
                    if [[ $prev == -f ]]; then
                        conf_dir=.
                        [[ $a == */* ]] && conf_dir=${a%%/*}
                        if [[ ! -e $conf_dir/cgroup.conf ]]; then
                            echo CgroupPlugin=disabled > "$conf_dir/cgroup.conf"
                        fi
                    fi
                    prev=$a
                done
                exec /usr/bin/unshare -m --propagation private /bin/bash -c '
                    for m in %9$s; do /bin/mount --bind "/$m" "$0/$m" || { echo "cannot bind-mount /$m on $0/$m" >&2; exit 70; }; done
                    cd / && exec /usr/sbin/chroot "$0" "$@"' "$root" "$exe" "$@"
                """.formatted(command, root.version(), root.path(), quote(root.path().toString()), exe,
                root.suite(), SlurmRoot.buildCommand(root.version()), ROOT_MISSING, MOUNTS);
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code RootCommands VERSION DIR [ROOT]}: writes DIR for ROOT (default: the one found) and prints DIR. */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: RootCommands " + String.join("|", SlurmRoot.versions()) + " DIR [ROOT]");
            System.exit(64);
        }
        try {
            SlurmRoot root = args.length == 3 ? new SlurmRoot(args[0], SlurmRoot.SUITES.get(args[0]), Path.of(args[2]))
                    : SlurmRoot.require(args[0], SlurmRoot.base(System.getenv()));
            System.out.println(write(root, Path.of(args[1])).binDirs().get(0));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("RootCommands: " + e.getMessage());
            System.exit(64);
        }
    }
}
