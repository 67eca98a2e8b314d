package org.elasticslurm.scenarios.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.scenarios.parse.ScenarioException;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.workload.WorkloadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code elastic-lab} command: replay scenarios, lint and validate elastic slurm.conf, simulate workloads. */
@Command(name = "elastic-lab", mixinStandardHelpOptions = true, versionProvider = ElasticLab.Version.class,
        description = "Elastic (power saving / cloud node) Slurm: scenarios, checks and reports.",
        footer = {"", "Run 'elastic-lab COMMAND --help' for a command's options.",
            "Exit status: 0 ok, 1 failed, 2 invalid input or lint errors, 3 no runner for the target, 64 usage."})
public final class ElasticLab implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: one of replay, lint, validate, simulate");
    }

    /** The command line with its subcommands and exit-status handling. */
    public static CommandLine commandLine(LabContext ctx) {
        CommandLine cl = new CommandLine(new ElasticLab())
                .addSubcommand(new ReplayCommand(ctx))
                .addSubcommand(new LintCommand(ctx))
                .addSubcommand(new ValidateCommand(ctx))
                .addSubcommand(new SimulateCommand(ctx));
        cl.setParameterExceptionHandler(ElasticLab::usageError);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine.getErr()));
        return cl;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine c = e.getCommandLine();
        PrintWriter err = c.getErr();
        err.println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Bad input and missing runners are reported in one line; anything else is a bug and shows its trace. */
    private static int failure(Exception e, PrintWriter err) {
        int status;
        if (e instanceof TargetUnavailableException) {
            status = ExitCodes.UNAVAILABLE;
        } else if (e instanceof ScenarioException || e instanceof SlurmConfException || e instanceof WorkloadException
                || e instanceof UncheckedIOException) {
            status = ExitCodes.INVALID;
        } else {
            err.println("elastic-lab: internal error: " + e);
            e.printStackTrace(err);
            err.flush();
            return ExitCodes.INTERNAL;
        }
        err.println("elastic-lab: " + e.getMessage());
        err.flush();
        return status;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine(LabContext.fromEnvironment()).execute(args));
    }

    /** The project version, from the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = ElasticLab.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"elastic-lab " + p.getProperty("version", "unknown")};
        }
    }
}
