package org.elasticslurm.fake.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The drop-in {@code scontrol}: ping, show node[s] / job / config / hostnames / hostlist / hostlistsorted,
 * update NodeName=..., reconfigure, shutdown, version; options -o, -Q, -a, -d, -v, -V, -h. Without a command it
 * reads commands from stdin, one per line. The hostlist commands need neither slurm.conf nor a controller. This
 * class parses the options and routes each command to the class of its family.
 */
public final class ScontrolCommand {

    private static final Getopt GETOPT = new Getopt(List.of(
            Getopt.flag("all", 'a', "all"),
            Getopt.flag("details", 'd', "details"),
            Getopt.flag("future", 'F', "future"),
            Getopt.flag("help", 'h', "help"),
            Getopt.flag("hide", '\0', "hide"),
            Getopt.value("cluster", 'M', "cluster"),
            Getopt.flag("oneliner", 'o', "oneliner"),
            Getopt.flag("quiet", 'Q', "quiet"),
            Getopt.flag("usage", 'u', "usage"),
            Getopt.flag("verbose", 'v', "verbose"),
            Getopt.flag("version", 'V', "version")), false);
    private static final ClientCommandLine COMMAND_LINE = new ClientCommandLine(GETOPT, 1, List.of(
            "scontrol [<OPTION>] [<COMMAND>]",
            "    Valid <OPTION> values are:",
            "     -a or --all: equivalent to \"all\" command",
            "     -d or --details: equivalent to \"details\" command",
            "     -h or --help: equivalent to \"help\" command",
            "     -o or --oneliner: equivalent to \"oneliner\" command",
            "     -Q or --quiet: equivalent to \"quiet\" command",
            "     -V or --version: equivalent to \"version\" command",
            "",
            "    Valid <COMMAND> values are:",
            "     ping                     print status of slurmctld daemons.",
            "     reconfigure              re-read configuration files.",
            "     show <ENTITY> [<ID>]     display state of identified entity, default",
            "                              is all records. <ENTITY> may be config, hostnames,",
            "                              hostlist, hostlistsorted, job or node.",
            "     shutdown                 shutdown slurm daemons.",
            "     update <SPECIFICATIONS>  update node configuration: NodeName=<name>",
            "                              [State=<state>] [Reason=<reason>]",
            "                              [NodeAddr=<addr>] [NodeHostName=<name>].",
            "     version                  display tool version number."));

    private final ClientContext ctx;
    private final InputStream stdin;
    private final ScontrolSession session;
    private final ScontrolControllerCommands controllerCommands;
    private final ScontrolShow show;
    private final ScontrolUpdate update;

    ScontrolCommand(Map<String, String> env, PrintStream out, PrintStream err, InputStream stdin) {
        this.ctx = new ClientContext("scontrol", env, out, err);
        this.stdin = stdin;
        this.session = new ScontrolSession(ctx, this::usage);
        this.controllerCommands = new ScontrolControllerCommands(session);
        this.show = new ScontrolShow(session);
        this.update = new ScontrolUpdate(session);
    }

    public static void main(String[] args) {
        int status = new ScontrolCommand(System.getenv(), System.out, System.err, System.in).run(Arrays.asList(args));
        System.out.flush();
        System.exit(status);
    }

    int run(List<String> args) {
        try {
            Getopt.Parsed parsed = COMMAND_LINE.parse(args, ctx);
            session.options(parsed.has("oneliner"), parsed.has("quiet"));
            if (parsed.operands().isEmpty()) {
                return interactive();
            }
            execute(parsed.operands());
            return session.exitCode();
        } catch (CommandFailure f) {
            return f.status;
        }
    }

    private int interactive() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                List<String> words = List.of(line.strip().split("\\s+"));
                if (words.get(0).isEmpty()) {
                    continue;
                }
                if (Keywords.matches(words.get(0), "exit", 2) || Keywords.matches(words.get(0), "quit", 4)) {
                    break;
                }
                execute(words);
            }
        } catch (IOException e) {
            ctx.error("cannot read commands: " + e.getMessage());
            return 1;
        }
        return session.exitCode();
    }

    private void execute(List<String> words) {
        String tag = words.get(0);
        List<String> rest = words.subList(1, words.size());
        if (Keywords.matches(tag, "ping", 3)) {
            if (!rest.isEmpty()) {
                session.tooMany(tag);
            } else {
                controllerCommands.ping();
            }
        } else if (Keywords.matches(tag, "show", 3)) {
            show.run(words);
        } else if (Keywords.matches(tag, "update", 1)) {
            update.update(words);
        } else if (Keywords.matches(tag, "reconfigure", 3)) {
            if (rest.size() > 1) {
                session.tooMany(tag);
            }
            controllerCommands.reconfigure();
        } else if (Keywords.matches(tag, "shutdown", 8)) {
            controllerCommands.shutdown();
        } else if (ScontrolPower.isPower(tag) && ctx.behaviour(1).scontrolPower()) {
            update.power(words);
        } else if (Keywords.matches(tag, "version", 4)) {
            ctx.out.println(ctx.versionLine(1));
        } else if (Keywords.matches(tag, "help", 2)) {
            usage();
        } else {
            session.fail();
            ctx.err.println("invalid keyword: " + tag);
        }
    }

    private void usage() {
        COMMAND_LINE.printUsage(ctx);
    }
}
