package org.elasticslurm.fake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.wire.SubmitRequest;

/** The options srun and sbatch share and how they become a {@link SubmitRequest}. */
final class SubmitArguments {

    private SubmitArguments() {
    }

    /** The command's options: the shared ones, then its own, then -Q, -v, -V, -h and --usage, in getopt's order. */
    static List<Getopt.Spec> options(List<Getopt.Spec> own) {
        List<Getopt.Spec> specs = new ArrayList<>(List.of(
                Getopt.value("nodelist", 'w', "nodelist"),
                Getopt.value("nodes", 'N', "nodes"),
                Getopt.value("partition", 'p', "partition"),
                Getopt.value("ntasks", 'n', "ntasks"),
                Getopt.value("job-name", 'J', "job-name"),
                Getopt.value("chdir", 'D', "chdir"),
                Getopt.value("time", 't', "time")));
        specs.addAll(own);
        specs.addAll(List.of(
                Getopt.flag("quiet", 'Q', "quiet"),
                Getopt.flag("verbose", 'v', "verbose"),
                Getopt.flag("version", 'V', "version"),
                Getopt.flag("help", 'h', "help"),
                Getopt.flag("usage", '\0', "usage")));
        return List.copyOf(specs);
    }

    /**
     * {@code -N}: a positive whole number.
     *
     * @throws CommandFailure after printing Slurm's complaint
     */
    static OptionalInt nodeCount(Getopt.Parsed p, ClientContext ctx) {
        Optional<String> value = p.last("nodes");
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        String v = value.get();
        int dash = v.indexOf('-');
        String min = dash > 0 ? v.substring(0, dash) : v;
        try {
            int n = Integer.parseInt(min);
            if (n < 1) {
                throw new NumberFormatException("not positive");
            }
            return OptionalInt.of(n);
        } catch (NumberFormatException e) {
            ctx.error("\"" + v + "\" is not a valid node count");
            throw ctx.fatal("Invalid node count specification");
        }
    }

    /** The request, for the user running the command. */
    static SubmitRequest request(boolean batch, String name, List<String> command, Optional<String> script,
                                 Optional<String> scriptPath, Getopt.Parsed p, OptionalInt nodeCount,
                                 Optional<Boolean> requeue, String workDir, Map<String, String> env) {
        ClientIdentity me = ClientIdentity.current();
        return new SubmitRequest(batch, name, command, script, scriptPath, p.last("nodelist"), nodeCount,
                p.last("partition"), requeue, workDir, env, me.user(), me.uid(), me.group(), me.gid(), me.host(),
                me.sid());
    }

    /** The base name of a path ({@code /bin/hostname} gives {@code hostname}). */
    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
