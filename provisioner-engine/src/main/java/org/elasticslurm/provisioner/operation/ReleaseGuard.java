package org.elasticslurm.provisioner.operation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.elasticslurm.provisioner.slurm.SlurmController;
import org.elasticslurm.provisioner.slurm.SlurmException;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;

/**
 * Checks Slurm's view before a suspend or resume-fail releases machines: only nodes that hold no job may lose
 * their machine - base IDLE or DOWN (not COMPLETING), POWERING_DOWN or POWERED_DOWN. Slurm's own calls always
 * pass (SuspendProgram runs for IDLE+CLOUD+POWERING_DOWN nodes, ResumeFailProgram for DOWN+...+POWERED_DOWN
 * ones); a node missing from Slurm's view is a powered-down CLOUD node hidden by 22.05 and passes too.
 *
 * <p>When Slurm's node states cannot be read, the request is refused as unavailable: a job's machine is never
 * released on a guess, and nothing is lost, because the reconcile releases the machines of nodes Slurm shows
 * powering down or powered down once it can read Slurm again.
 */
final class ReleaseGuard {
    private static final int MAX_NAMES_SHOWN = 20;

    private final SlurmController slurm;

    ReleaseGuard(SlurmController slurm) {
        this.slurm = slurm;
    }

    /**
     * @throws RequestRejectedException CONFLICT naming every busy node and its Slurm state; UNAVAILABLE when
     *                                  Slurm cannot be read
     */
    void check(List<String> names, OperationKind kind) {
        String call = kind == OperationKind.SUSPEND ? "suspend" : "resume-fail";
        Map<String, SlurmNodeState> states;
        try {
            states = slurm.nodeStates();
        } catch (SlurmException e) {
            throw new RequestRejectedException(RequestRejectedException.Reason.UNAVAILABLE, call + " refused: Slurm's"
                    + " node states cannot be read (" + e.getMessage() + "), so it cannot be checked that the nodes"
                    + " run no job; nothing was done (retry, or send \"force\": true to release anyway)");
        }
        List<SlurmNodeState> busy = names.stream().map(states::get).filter(Objects::nonNull)
                .filter(s -> !s.free()).toList();
        if (busy.isEmpty()) {
            return;
        }
        List<String> shown = busy.stream().limit(MAX_NAMES_SHOWN)
                .map(s -> "node " + s.name() + " is " + s.shown() + " in Slurm").toList();
        String more = busy.size() > MAX_NAMES_SHOWN ? " and " + (busy.size() - MAX_NAMES_SHOWN) + " more" : "";
        throw new RequestRejectedException(RequestRejectedException.Reason.CONFLICT, call + " refused: "
                + String.join("; ", shown) + more + " - only idle, down, powering-down or powered-down nodes may"
                + " lose their machine (a job may run on it); nothing was done (send \"force\": true to release"
                + " anyway)");
    }
}
