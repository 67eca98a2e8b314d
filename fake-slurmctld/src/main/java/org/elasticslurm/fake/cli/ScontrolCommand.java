package org.elasticslurm.fake.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.JobListing;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.NodeListing;
import org.elasticslurm.fake.wire.NodeUpdateRequest;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireException;

/**
 * The drop-in {@code scontrol}: ping, show node[s] / job / config / hostnames / hostlist / hostlistsorted,
 * update NodeName=..., reconfigure, shutdown, version; options -o, -Q, -a, -d, -v, -V, -h. Without a command it
 * reads commands from stdin, one per line. The hostlist commands need neither slurm.conf nor a controller.
 */
public final class ScontrolCommand {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final String UNREACHABLE = "Unable to contact slurm controller (connect failure)";

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
    private final SlurmTimes times = SlurmTimes.local();
    private boolean oneLiner;
    private boolean quiet;
    private int exitCode;
    private ControllerClient client;

    ScontrolCommand(Map<String, String> env, PrintStream out, PrintStream err, InputStream stdin) {
        this.ctx = new ClientContext("scontrol", env, out, err);
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        int status = new ScontrolCommand(System.getenv(), System.out, System.err, System.in).run(Arrays.asList(args));
        System.out.flush();
        System.exit(status);
    }

    int run(List<String> args) {
        try {
            Getopt.Parsed parsed = COMMAND_LINE.parse(args, ctx);
            oneLiner = parsed.has("oneliner");
            quiet = parsed.has("quiet");
            if (parsed.operands().isEmpty()) {
                return interactive();
            }
            execute(parsed.operands());
            return exitCode;
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
        return exitCode;
    }

    private void execute(List<String> words) {
        String tag = words.get(0);
        List<String> rest = words.subList(1, words.size());
        if (Keywords.matches(tag, "ping", 3)) {
            if (!rest.isEmpty()) {
                tooMany(tag);
            } else {
                ping();
            }
        } else if (Keywords.matches(tag, "show", 3)) {
            show(words);
        } else if (Keywords.matches(tag, "update", 1)) {
            update(words);
        } else if (Keywords.matches(tag, "reconfigure", 3)) {
            if (rest.size() > 1) {
                tooMany(tag);
            }
            simple("slurm_reconfigure error", () -> controller().reconfigure());
        } else if (Keywords.matches(tag, "shutdown", 8)) {
            simple("slurm_shutdown error", () -> controller().shutdown());
        } else if (ScontrolPower.isPower(tag) && ctx.behaviour(1).scontrolPower()) {
            power(words);
        } else if (Keywords.matches(tag, "version", 4)) {
            ctx.out.println(ctx.versionLine(1));
        } else if (Keywords.matches(tag, "help", 2)) {
            usage();
        } else {
            exitCode = 1;
            ctx.err.println("invalid keyword: " + tag);
        }
    }

    private void ping() {
        var address = ctx.controllerAddress();
        boolean up;
        try {
            up = controller().ping().optBool("ok").orElse(Boolean.FALSE);
        } catch (UnreachableException | WireException e) {
            up = false;
        }
        ctx.out.println("Slurmctld(primary) at " + address.hostName() + " is " + (up ? "UP" : "DOWN"));
        if (!up) {
            exitCode = 1;
            if (ClientIdentity.current().uid() == 0) {
                ctx.out.println("*****************************************");
                ctx.out.println("** RESTORE SLURMCTLD DAEMON TO SERVICE **");
                ctx.out.println("*****************************************");
            }
        }
    }

    private void show(List<String> words) {
        if (words.size() < 2) {
            exitCode = 1;
            if (!quiet) {
                ctx.err.println("too few arguments for keyword:" + words.get(0));
            }
            return;
        }
        if (words.size() > 3) {
            tooMany(words.get(0));
            return;
        }
        String tag = words.get(1);
        Optional<String> val = Optional.empty();
        int eq = tag.indexOf('=');
        if (eq >= 0) {
            val = Optional.of(tag.substring(eq + 1));
            tag = tag.substring(0, eq);
        } else if (words.size() == 3) {
            val = Optional.of(words.get(2));
        }
        if (Keywords.matches(tag, "config", 1)) {
            showConfig();
        } else if (Keywords.matches(tag, "hostnames", 5)) {
            hostnames(val.or(() -> Optional.ofNullable(ctx.env.get("SLURM_NODELIST"))));
        } else if (Keywords.matches(tag, "hostlist", 5)) {
            encode(val, false);
        } else if (Keywords.matches(tag, "hostlistsorted", 9)) {
            encode(val, true);
        } else if (Keywords.matches(tag, "jobs", 1) || Keywords.matches(tag, "jobid", 1)) {
            showJobs(val);
        } else if (Keywords.matches(tag, "nodes", 1) || Keywords.matches(tag, "NodeName", 3)) {
            showNodes(val);
        } else {
            exitCode = 1;
            if (!quiet) {
                ctx.err.println("invalid entity:" + tag + " for keyword:" + words.get(0) + " ");
            }
        }
    }

    private void hostnames(Optional<String> expression) {
        if (expression.isEmpty() || expression.get().isBlank()) {
            ctx.error("host list is empty");
            return;
        }
        try {
            Hostlist.parse(expression.get()).names().forEach(ctx.out::println);
        } catch (HostlistException e) {
            ctx.error(e.getMessage());
            ctx.err.println("Invalid hostlist: " + expression.get());
        }
    }

    private void encode(Optional<String> expression, boolean sorted) {
        if (expression.isEmpty()) {
            exitCode = 1;
            ctx.err.println("invalid encode argument");
            usage();
            return;
        }
        try {
            Hostlist list = Hostlist.parse(expression.get());
            ctx.out.println(sorted ? list.compressSorted() : list.compress());
        } catch (HostlistException e) {
            exitCode = 1;
            ctx.error(e.getMessage());
            ctx.err.println("Invalid hostlist: " + expression.get());
        }
    }

    private void showNodes(Optional<String> names) {
        NodeListing listing;
        try {
            listing = controller().nodes(Optional.empty());
        } catch (UnreachableException | WireException e) {
            failed("slurm_load_node error", e);
            return;
        }
        if (names.isEmpty()) {
            if (listing.nodes().isEmpty()) {
                if (!quiet) {
                    ctx.out.println("No nodes in the system");
                }
                return;
            }
            NodeFormatter formatter = new NodeFormatter(times);
            listing.nodes().forEach(n -> ctx.out.print(formatter.format(n, oneLiner)));
            return;
        }
        List<String> wanted;
        try {
            wanted = Hostlist.parse(names.get()).names();
        } catch (HostlistException e) {
            exitCode = 1;
            if (!quiet) {
                ctx.err.println("unable to parse node list " + names.get());
            }
            return;
        }
        NodeFormatter formatter = new NodeFormatter(times);
        for (String name : wanted) {
            Optional<NodeInfo> node = listing.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
            if (node.isPresent()) {
                ctx.out.print(formatter.format(node.get(), oneLiner));
            } else {
                exitCode = 1;
                if (!quiet) {
                    ctx.out.println("Node " + name + " not found");
                }
            }
        }
    }

    private void showJobs(Optional<String> id) {
        ControllerClient.Result<JobListing> result;
        try {
            result = controller().jobs(id);
        } catch (UnreachableException | WireException e) {
            failed("slurm_load_jobs error", e);
            return;
        }
        if (result.error().isPresent()) {
            exitCode = 1;
            if (!quiet) {
                ctx.err.println("slurm_load_jobs error: " + result.error().get());
            }
            return;
        }
        JobListing listing = result.value().get();
        if (listing.jobs().isEmpty()) {
            if (!quiet) {
                ctx.out.println("No jobs in the system");
            }
            return;
        }
        JobFormatter formatter = new JobFormatter(times);
        for (JobInfo job : listing.jobs()) {
            ctx.out.print(formatter.format(job, listing.now(), oneLiner));
        }
    }

    private void showConfig() {
        ControllerClient.Result<List<List<String>>> result;
        var address = ctx.controllerAddress();
        try {
            result = controller().config();
        } catch (UnreachableException | WireException e) {
            failed("slurm_load_ctl_conf error", e);
            return;
        }
        if (result.error().isPresent()) {
            exitCode = 1;
            ctx.err.println("slurm_load_ctl_conf error: " + result.error().get());
            return;
        }
        ctx.out.println("Configuration data as of " + times.timestamp(java.util.OptionalLong.of(
                System.currentTimeMillis() / 1000)));
        for (List<String> row : result.value().get()) {
            ctx.out.println(OutputFormat.pad(row.get(0), 23, false, false) + " = " + row.get(1));
        }
        ctx.out.println();
        ctx.out.println("Slurmctld(primary) at " + address.hostName() + " is UP");
    }

    private void update(List<String> words) {
        if (words.size() < 2) {
            exitCode = 1;
            ctx.err.println("too few arguments for " + words.get(0) + " keyword");
            return;
        }
        List<String> args = words.subList(1, words.size());
        boolean node = false;
        for (String a : args) {
            int eq = a.indexOf('=');
            String tag = eq < 0 ? a : a.substring(0, eq);
            if (Keywords.matches(tag, "NodeName", 3)) {
                node = true;
                break;
            }
            if (Keywords.matches(tag, "PartitionName", 3) || Keywords.matches(tag, "JobId", 3)
                    || Keywords.matches(tag, "Reservation", 3)) {
                exitCode = 1;
                ctx.error("this scontrol updates nodes only (NodeName=...)");
                return;
            }
        }
        if (!node) {
            exitCode = 1;
            ctx.err.println("No valid entity in update command");
            ctx.err.println("Input line must include \"NodeName\", \"PartitionName\", \"Reservation\", \"JobId\", "
                    + "or \"SlurmctldDebug\"");
            return;
        }
        NodeUpdateArguments.Parsed parsed = NodeUpdateArguments.parse(args, user(), ctx.program);
        if (parsed.request().isEmpty()) {
            exitCode = 1;
            parsed.messages().forEach(ctx.err::println);
            if (parsed.perror()) {
                ctx.err.println("slurm_update error: No error");
            }
            return;
        }
        NodeUpdateRequest request = parsed.request().get();
        simple("slurm_update error", () -> controller().updateNode(request));
    }

    private void power(List<String> words) {
        ScontrolPower.Parsed parsed = ScontrolPower.parse(words);
        if (parsed.error() != null) {
            exitCode = 1;
            ctx.err.println(parsed.error());
        } else {
            update(parsed.updateWords());
        }
    }

    /** A command answered with success or a Slurm error, printed as {@code PREFIX: error text}. */
    private void simple(String prefix, java.util.function.Supplier<Optional<String>> call) {
        Optional<String> error;
        try {
            error = call.get();
        } catch (UnreachableException | WireException e) {
            failed(prefix, e);
            return;
        }
        if (error.isPresent()) {
            exitCode = 1;
            if (!quiet) {
                ctx.err.println(prefix + ": " + error.get());
            }
        }
    }

    private void failed(String prefix, RuntimeException e) {
        exitCode = 1;
        if (!quiet) {
            ctx.err.println(prefix + ": " + (e instanceof UnreachableException ? UNREACHABLE : e.getMessage()));
        }
    }

    private void tooMany(String tag) {
        exitCode = 1;
        if (!quiet) {
            ctx.err.println("too many arguments for keyword:" + tag);
        }
    }

    private ControllerClient controller() {
        if (client == null) {
            client = ctx.controller(READ_TIMEOUT);
        }
        return client;
    }

    private String user() {
        return ctx.env.getOrDefault("USER", System.getProperty("user.name"));
    }

    private void usage() {
        COMMAND_LINE.printUsage(ctx);
    }
}
