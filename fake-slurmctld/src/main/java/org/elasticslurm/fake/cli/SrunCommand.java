package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.hook.HookExit;
import org.elasticslurm.fake.wire.JsonObject;
import org.elasticslurm.fake.wire.SrunEvent;
import org.elasticslurm.fake.wire.SubmitRequest;
import org.elasticslurm.fake.wire.TaskResult;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireException;

/**
 * The drop-in {@code srun -w NODES | -N COUNT [-p PARTITION] CMD...}: asks for an allocation, waits while the
 * nodes boot, runs the command on every node and prints its output, with 22.05's messages for queued jobs,
 * node failures and nodes that never come up. Blocks until the job ends; exits with the highest task status.
 * SIGTERM or SIGINT while it waits gives the allocation back ("Job allocation N has been revoked").
 */
public final class SrunCommand {

    /** srun waits for the controller's news; the daemon sends a keep-alive every second. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private static final Getopt GETOPT = new Getopt(SubmitArguments.options(List.of()), true);
    private static final ClientCommandLine COMMAND_LINE = new ClientCommandLine(GETOPT, 255, List.of(
            "Usage: srun [-N nnodes] [-w hosts] [-p partition] [-J jobname] [-D path] executable [args...]"));

    private final ClientContext ctx;
    private final Clock clock;
    private final SlurmTimes times = SlurmTimes.local();

    private volatile long jobId;
    private volatile boolean stepStarted;
    private volatile boolean done;
    private int status;
    private boolean stepNodeFailed;

    SrunCommand(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.ctx = new ClientContext("srun", env, out, err);
        this.clock = clock;
    }

    public static void main(String[] args) {
        int status = new SrunCommand(System.getenv(), System.out, System.err, Clock.systemDefaultZone())
                .run(Arrays.asList(args), true);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    int run(List<String> args, boolean handleSignals) {
        try {
            Getopt.Parsed p = COMMAND_LINE.parse(args, ctx);
            if (p.operands().isEmpty()) {
                throw ctx.fatal("No command given to execute.");
            }
            OptionalInt nodes = SubmitArguments.nodeCount(p, ctx);
            String workDir = p.last("chdir").orElse(System.getProperty("user.dir"));
            List<String> command = p.operands();
            String name = p.last("job-name").orElse(SubmitArguments.baseName(command.get(0)));
            SubmitRequest request = SubmitArguments.request(false, name, command, Optional.empty(),
                    Optional.empty(), p, nodes, Optional.empty(), Path.of(workDir).toString(), ctx.env);
            ControllerClient client = ctx.controller(READ_TIMEOUT);
            Thread signalHandler = new Thread(() -> onSignal(client), "srun-signal");
            if (handleSignals) {
                Runtime.getRuntime().addShutdownHook(signalHandler);
            }
            boolean ended;
            try {
                ended = client.srun(request, event -> handle(event, p));
            } catch (UnreachableException e) {
                if (jobId == 0) {
                    ctx.error("Unable to allocate resources: Unable to contact slurm controller (connect failure)");
                } else {
                    ctx.error("Lost contact with slurmctld: " + e.getMessage());
                }
                status = 1;
                ended = true;
            } catch (WireException e) {
                ctx.error(e.getMessage());
                status = 1;
                ended = true;
            }
            if (!ended) {
                ctx.error("slurmctld ended the allocation of job " + jobId + " without news");
                status = 1;
            }
            done = true;
            if (handleSignals) {
                try {
                    Runtime.getRuntime().removeShutdownHook(signalHandler);
                } catch (IllegalStateException e) {
                    // a signal arrived meanwhile: the hook ends the process
                }
            }
            return stepNodeFailed ? ctx.behaviour(1).srunStatusAfterStepNodeFailure(status) : status;
        } catch (CommandFailure f) {
            return f.status;
        }
    }

    /** Prints one piece of news; false ends the stream. */
    private boolean handle(JsonObject event, Getopt.Parsed p) {
        switch (event.string("event")) {
            case SrunEvent.REJECTED -> {
                String error = event.string("error");
                if (error.equals("Invalid partition name specified") && p.last("partition").isPresent()) {
                    ctx.error("invalid partition specified: " + p.last("partition").get());
                }
                ctx.error("Unable to allocate resources: " + error);
                status = 1;
                return false;
            }
            case SrunEvent.QUEUED -> {
                jobId = event.number("jobId");
                ctx.err.println("srun: job " + jobId + " queued and waiting for resources");
                return true;
            }
            case SrunEvent.ALLOCATED -> {
                jobId = event.number("jobId");
                if (event.bool("waited")) {
                    ctx.err.println("srun: job " + jobId + " has been allocated resources");
                }
                return true;
            }
            case SrunEvent.NODE_FAILURE -> {
                String nodes = event.string("nodes");
                ctx.error("Node failure on " + nodes);
                if (event.bool("stepRunning")) {
                    stepStarted = true;
                    stepNodeFailed = true;
                    ctx.error("Node failure on " + nodes);
                    ctx.err.println("srun: Job step aborted");
                    for (String node : Hostlist.parse(nodes).names()) {
                        ctx.err.println("slurmstepd-" + node + ": error: *** STEP " + event.number("jobId") + ".0 ON "
                                + node + " CANCELLED AT " + times.timestamp(OptionalLong.of(clock.instant()
                                .getEpochSecond()))
                                + " DUE TO NODE FAILURE, SEE SLURMCTLD LOG FOR DETAILS ***");
                    }
                }
                return true;
            }
            case SrunEvent.TASKS -> {
                stepStarted = true;
                tasks(event.objects("tasks").stream().map(TaskResult::fromJson).toList());
                return true;
            }
            case SrunEvent.BOOT_TIMEOUT -> {
                notReady(event.string("nodeList"));
                return false;
            }
            case SrunEvent.ENDED -> {
                if (!event.bool("stepStarted") && !stepStarted) {
                    String nodeList = event.string("nodeList");
                    if (nodeList.isEmpty()) {
                        ctx.error("Job allocation " + event.number("jobId") + " has been revoked");
                        status = 1;
                    } else {
                        notReady(nodeList);
                    }
                }
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private void notReady(String nodeList) {
        if (ctx.behaviour(1).srunExplainsBootFailure()) {
            ctx.error("Nodes " + nodeList + " are still not ready");
            ctx.error("Something is wrong with the boot of the nodes.");
        }
        status = 1;
    }

    private void tasks(List<TaskResult> tasks) {
        int worst = 0;
        for (TaskResult t : tasks) {
            ctx.out.print(t.stdout());
            ctx.out.flush();
            ctx.err.print(t.stderr());
            if (t.signal().isPresent()) {
                String signal = new HookExit.Signaled(t.signal().getAsInt()).description();
                ctx.error(t.node() + ": task " + t.task() + ": " + signal);
            } else if (t.exitCode().orElse(0) != 0) {
                ctx.error(t.node() + ": task " + t.task() + ": Exited with exit code " + t.exitCode().getAsInt());
            }
            worst = Math.max(worst, t.shellStatus());
        }
        status = worst;
    }

    /** SIGTERM/SIGINT: give the allocation back while waiting, as srun's _signal_while_allocating. */
    private void onSignal(ControllerClient client) {
        if (done) {
            return;
        }
        long id = jobId;
        if (id != 0) {
            if (!stepStarted) {
                ctx.err.println("srun: Job allocation " + id + " has been revoked");
            } else {
                ctx.err.println("srun: forcing job termination");
            }
            try {
                client.completeJob(id, 0);
            } catch (UnreachableException | WireException e) {
                ctx.error("cannot give back job " + id + ": " + e.getMessage());
            }
            if (!stepStarted) {
                ctx.err.println("srun: Force Terminated JobId=" + id);
            }
        }
        ctx.err.flush();
        Runtime.getRuntime().halt(1);
    }
}
