package org.elasticslurm.provisioner.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a program the way slurmctld 22.05 starts its hooks (measured: shared/level3-field-notes.md): an empty
 * environment but for the given variables, file descriptors 0, 1 and 2 closed, the signal mask 0x897a27
 * blocked and SIGQUIT ignored. {@code perl} sets this up and execs the program.
 */
public final class HostileLauncher {
    private static final String PERL = """
            use POSIX ();
            my $mask = POSIX::SigSet->new();
            for my $i (0..31) { $mask->addset($i + 1) if (0x897a27 >> $i) & 1; }
            POSIX::sigprocmask(POSIX::SIG_BLOCK(), $mask) or die "sigprocmask: $!";
            $SIG{QUIT} = 'IGNORE';
            my $keep_stderr = shift @ARGV;
            POSIX::close($_) for ($keep_stderr ? (0, 1) : (0, 1, 2));
            exec { $ARGV[0] } @ARGV or exit 127;
            """;

    private HostileLauncher() {
    }

    /**
     * The process builder: stdout/stderr of the builder are only reachable when {@code keepStderr}.
     *
     * @param program absolute path
     * @param args argv[1..]
     * @param env the only environment variables
     * @param keepStderr leave fd 2 open (to read what the program says there)
     */
    public static ProcessBuilder builder(Path program, List<String> args, Map<String, String> env, boolean keepStderr) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/perl", "-e", PERL, keepStderr ? "1" : "0",
                program.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    public static Process start(Path program, List<String> args, Map<String, String> env, boolean keepStderr)
            throws IOException {
        return builder(program, args, env, keepStderr).start();
    }
}
