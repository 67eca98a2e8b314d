package org.elasticslurm.provisioner.operation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.provisioner.backend.PostConfigurer;
import org.elasticslurm.provisioner.pool.PostConfig;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;

/** The steps of each kind of operation on one node: what is called on the backend and on Slurm, in order. */
final class NodeProcedures {
    private static final int OUTPUT_TAIL = 4000;

    private final Ports ports;
    private final EngineSettings settings;
    private final Clock clock;

    NodeProcedures(Ports ports, EngineSettings settings, Clock clock) {
        this.ports = ports;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Resume: ensure the machine runs, wait for its address, post-config, tell Slurm.
     *
     * @param afterFailure whether the node's last operation failed (it was marked DOWN in Slurm): once this
     *                     resume has succeeded, that DOWN is lifted (see {@link #returnToService})
     */
    Step resume(String node, String pool, Optional<PostConfig> postConfig, boolean afterFailure) {
        return progress -> {
            MachineBackend backend = ports.backend();
            Machine m = backend.ensureRunning(new MachineRequest(node, pool, progress.operationId()));
            progress.machine(m.backendId());
            m.notes().forEach(n -> progress.note(tail(n)));
            progress.phase(Phase.BOOTING, "machine " + m.backendId() + " running, waiting for its address");
            Instant deadline = clock.instant().plus(settings.addressTimeout());
            Step afterAddress = afterAddress(node, pool, postConfig, afterFailure);
            if (m.address().isPresent()) {
                progress.address(m.address().get());
                return Step.Next.now(afterAddress);
            }
            return Step.Next.now(waitForAddress(node, deadline, afterAddress));
        };
    }

    private Step waitForAddress(String node, Instant deadline, Step afterAddress) {
        return new Step() {
            @Override
            public Next run(Progress progress) {
                Optional<String> address = ports.backend().address(node);
                if (address.isPresent()) {
                    progress.address(address.get());
                    return Next.now(afterAddress);
                }
                if (!clock.instant().isBefore(deadline)) {
                    throw new FailureException("no address for " + node + " within " + settings.addressTimeout()
                            + " (provisioner.address-timeout)");
                }
                return Next.after(settings.addressPollInterval(), this);
            }
        };
    }

    private Step afterAddress(String node, String pool, Optional<PostConfig> postConfig,
                             boolean afterFailure) {
        Step report = progress -> {
            String address = progress.address().orElseThrow();
            ports.slurm().updateNodeAddress(node, address, node);
            if (afterFailure) {
                returnToService(node, progress);
            }
            progress.phase(Phase.READY, "scontrol update nodename=" + node + " nodeaddr=" + address
                    + " nodehostname=" + node);
            return Step.Next.done();
        };
        Optional<List<String>> command = postConfig.flatMap(PostConfig::command);
        if (command.isEmpty()) {
            return report;
        }
        return progress -> {
            String address = progress.address().orElseThrow();
            List<String> argv = command.get().stream().map(a -> a.replace("{node}", node).replace("{address}", address)
                    .replace("{pool}", pool).replace("{operation}", progress.operationId())).toList();
            progress.phase(Phase.CONFIGURING, "post-config: " + String.join(" ", argv));
            PostConfigurer runner = ports.postConfigurer().orElseThrow(() ->
                    new FailureException("pool " + pool + " has a post-config command but no runner is available"));
            PostConfigurer.Result r = runner.run(argv, postConfig.get().timeout());
            String tail = tail(r.output());
            if (r.exitCode() != 0) {
                throw new FailureException("post-config exited with status " + r.exitCode() + ": " + tail);
            }
            progress.note("post-config succeeded: " + tail);
            return Step.Next.now(report);
        };
    }

    /**
     * After a resume that followed a failed one: the node is still DOWN in Slurm from that failure, so Slurm would
     * not use the machine just made. The DOWN is lifted ({@code state=RESUME}) when it is ours - its reason starts
     * with {@code provisioner:} - or has no reason: slurmctld 22.05 clears a DOWN node's reason when it wakes it
     * (its POWER_UP was still pending, e.g. saved before a restart, and its ResumeProgram runs again), and scontrol
     * sets no DOWN without one. A DOWN with any other reason is an admin's and is left alone.
     */
    private void returnToService(String node, Step.Progress progress) {
        SlurmNodeState state = ports.slurm().nodeStates().get(node);
        if (state == null || !state.down()) {
            return;
        }
        Optional<String> reason = state.reason().filter(r -> !r.isBlank());
        if (reason.isPresent() && !reason.get().startsWith("provisioner:")) {
            progress.note("left DOWN in Slurm: its reason is not the provisioner's (" + reason.get() + ")");
            return;
        }
        ports.slurm().returnToService(node);
        progress.note("scontrol update nodename=" + node + " state=RESUME (DOWN " + reason.map(r ->
                "from the earlier failure)").orElse("without a reason: cleared by slurmctld when it woke the node)"));
    }

    /** Release: give the machine back. */
    Step release(String node, String pool) {
        return progress -> {
            ports.backend().release(node, pool);
            progress.note("machine released");
            return Step.Next.done();
        };
    }

    /** After a failed resume: release whatever is left, then mark the node DOWN in Slurm with the error. */
    Step cleanupAfterFailure(String node, String pool) {
        Step markDown = markDown(node);
        return progress -> {
            ports.backend().release(node, pool);
            progress.note("machine released after the failure");
            return Step.Next.now(markDown);
        };
    }

    /** Marks the node DOWN in Slurm with the operation's failure as the reason (cut to 200 characters). */
    Step markDown(String node) {
        return progress -> {
            String reason = "provisioner: " + progress.failure().orElse("resume failed");
            ports.slurm().markDown(node, reason.length() > 200 ? reason.substring(0, 200) : reason);
            progress.note("scontrol update nodename=" + node + " state=DOWN");
            return Step.Next.done();
        };
    }

    private static String tail(String output) {
        String s = output.strip();
        return s.length() <= OUTPUT_TAIL ? s : "..." + s.substring(s.length() - OUTPUT_TAIL);
    }
}
