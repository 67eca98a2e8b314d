package org.elasticslurm.fake.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.wire.SubmitRequest;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireException;

/**
 * The drop-in {@code sbatch [-N COUNT] [-w NODES] [-p PARTITION] (--wrap=CMD | SCRIPT [ARGS] | < SCRIPT)}:
 * reads {@code #SBATCH} lines at the top of the script (the command line wins), submits, prints
 * "Submitted batch job N". The script runs on the job's first node; its output goes to slurm-N.out in the
 * submission directory.
 */
public final class SbatchCommand {

    private static final List<Getopt.Spec> SPECS = SubmitArguments.options(List.of(
            Getopt.value("wrap", '\0', "wrap"),
            Getopt.flag("requeue", '\0', "requeue"),
            Getopt.flag("no-requeue", '\0', "no-requeue"),
            Getopt.flag("parsable", '\0', "parsable")));
    private static final ClientCommandLine COMMAND_LINE = new ClientCommandLine(new Getopt(SPECS, true), 255, List.of(
            "Usage: sbatch [-N nnodes] [-w hosts] [-p partition] [-J jobname] [--wrap=cmd | script [args...]]"));

    private final ClientContext ctx;
    private final InputStream stdin;

    SbatchCommand(Map<String, String> env, PrintStream out, PrintStream err, InputStream stdin) {
        this.ctx = new ClientContext("sbatch", env, out, err);
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        int status = new SbatchCommand(System.getenv(), System.out, System.err, System.in).run(Arrays.asList(args));
        System.out.flush();
        System.exit(status);
    }

    int run(List<String> args) {
        try {
            Getopt.Parsed cmd = COMMAND_LINE.parse(args, ctx);
            Optional<String> wrap = cmd.last("wrap");
            String script;
            String name;
            Optional<String> scriptPath = Optional.empty();
            List<String> scriptArgs = List.of();
            if (wrap.isPresent()) {
                script = "#!/bin/sh\n# This script was created by sbatch --wrap.\n\n" + wrap.get() + "\n";
                name = "wrap";
            } else if (!cmd.operands().isEmpty()) {
                Path file = Path.of(cmd.operands().get(0));
                try {
                    script = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    ctx.error("Unable to open file " + file);
                    return 1;
                }
                name = SubmitArguments.baseName(file.toString());
                scriptPath = Optional.of(file.toAbsolutePath().normalize().toString());
                scriptArgs = cmd.operands().subList(1, cmd.operands().size());
            } else {
                try {
                    script = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    ctx.error("cannot read the batch script from stdin: " + e.getMessage());
                    return 1;
                }
                name = "sbatch";
            }
            if (script.isEmpty()) {
                ctx.error("Batch script is empty!");
                return 1;
            }
            if (!script.startsWith("#!")) {
                ctx.error("This does not look like a batch script.  The first");
                ctx.error("line must start with #! followed by the path to an interpreter.");
                ctx.error("For instance: #!/bin/sh");
                return 1;
            }
            Getopt.Parsed p = withDirectives(script, cmd);
            OptionalInt nodes = SubmitArguments.nodeCount(p, ctx);
            Optional<Boolean> requeue = p.has("no-requeue") ? Optional.of(false)
                    : p.has("requeue") ? Optional.of(true) : Optional.empty();
            String workDir = p.last("chdir").orElse(System.getProperty("user.dir"));
            List<String> command = new ArrayList<>(List.of("slurm_script"));
            command.addAll(scriptArgs);
            SubmitRequest request = SubmitArguments.request(true, p.last("job-name").orElse(name), command,
                    Optional.of(script), scriptPath, p, nodes, requeue, workDir, ctx.env);
            ControllerClient.Result<Long> result;
            try {
                result = ctx.controller(Duration.ofSeconds(30)).submitBatch(request);
            } catch (UnreachableException e) {
                ctx.error("Batch job submission failed: Unable to contact slurm controller (connect failure)");
                return 1;
            } catch (WireException e) {
                ctx.error("Batch job submission failed: " + e.getMessage());
                return 1;
            }
            if (result.error().isPresent()) {
                String error = result.error().get();
                if (error.equals("Invalid partition name specified") && p.last("partition").isPresent()) {
                    ctx.error("invalid partition specified: " + p.last("partition").get());
                }
                ctx.error("Batch job submission failed: " + error);
                return 1;
            }
            long id = result.value().get();
            ctx.out.println(p.has("parsable") ? Long.toString(id) : "Submitted batch job " + id);
            return 0;
        } catch (CommandFailure f) {
            return f.status;
        }
    }

    /** The script's {@code #SBATCH} options (up to its first command line), then the command line's. */
    private Getopt.Parsed withDirectives(String script, Getopt.Parsed cmd) {
        List<String> words = new ArrayList<>();
        String[] lines = script.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("#")) {
                break;
            }
            if (line.startsWith("#SBATCH")) {
                String rest = line.substring(7).strip();
                int comment = rest.indexOf(" #");
                if (comment >= 0) {
                    rest = rest.substring(0, comment);
                }
                words.addAll(List.of(rest.split("\\s+")));
            }
        }
        Getopt.Parsed directives;
        try {
            directives = new Getopt(SPECS, false).parse(words);
        } catch (Getopt.GetoptException e) {
            ctx.error("script directive: " + e.getMessage());
            throw new CommandFailure(1);
        }
        List<Getopt.Found> all = new ArrayList<>(directives.options());
        all.addAll(cmd.options());
        return new Getopt.Parsed(all, cmd.operands());
    }
}
