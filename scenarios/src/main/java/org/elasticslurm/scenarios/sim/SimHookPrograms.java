package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.hook.HookExit;
import org.elasticslurm.fake.hook.HookInvocation;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.hook.HookOutcome;
import org.elasticslurm.fake.hook.RecordingHookRunner;
import org.elasticslurm.fake.sim.EventKernel;
import org.elasticslurm.provisioner.operation.OperationKind;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.trace.LogLine;

/**
 * The scenario's hook programs as simulated programs: what each (a preset, the provisioner's client, or a site's own
 * program) does to the simulated machines when slurmctld starts it.
 */
final class SimHookPrograms {

    /** What the programs act on. */
    interface Machines {
        /** The node's machine has booted: its slurmd starts with a fresh boot time. */
        void booted(String node);

        void stopSlurmd(String node);

        void log(LogLine line);

        Duration now();
    }

    private static final int PRIORITY = 30;

    private final Map<HookRole, HookSpec> programs = new EnumMap<>(HookRole.class);
    private final Duration bootDelay;
    private final EventKernel kernel;
    private final Optional<SimProvisioner> provisioner;
    private final Machines machines;
    private final List<String> defunct = new ArrayList<>();
    private int helperPids = 41000;

    SimHookPrograms(Map<HookRole, HookSpec> programs, Duration bootDelay, EventKernel kernel,
                    Optional<SimProvisioner> provisioner, Machines machines) {
        this.programs.putAll(programs);
        this.bootDelay = bootDelay;
        this.kernel = kernel;
        this.provisioner = provisioner;
        this.machines = machines;
    }

    /** Makes {@code hooks} run these programs. */
    void install(RecordingHookRunner hooks) {
        for (HookRole role : HookRole.values()) {
            hooks.behave(kind(role), invocation -> program(role, invocation));
        }
    }

    /** The helper processes left defunct so far. */
    List<String> defunct() {
        return List.copyOf(defunct);
    }

    static HookKind kind(HookRole role) {
        return switch (role) {
            case RESUME -> HookKind.RESUME;
            case SUSPEND -> HookKind.SUSPEND;
            case RESUME_FAIL -> HookKind.RESUME_FAIL;
        };
    }

    static HookRole role(HookKind kind) {
        return switch (kind) {
            case RESUME -> HookRole.RESUME;
            case SUSPEND -> HookRole.SUSPEND;
            case RESUME_FAIL -> HookRole.RESUME_FAIL;
        };
    }

    /** What the program for the role does when slurmctld starts it (on the controller's thread). */
    private HookOutcome program(HookRole role, HookInvocation invocation) {
        HookSpec spec = programs.get(role);
        HookPreset preset = spec instanceof HookSpec.Preset p ? p.preset() : null;
        List<String> nodes = Hostlist.parse(invocation.hostlist()).names();
        if (preset == HookPreset.NOOP) {
            return HookOutcome.immediateSuccess();
        }
        if (preset == HookPreset.LOG) {
            machines.log(new LogLine(machines.now(), "hooks.log", invocation.argv0() + " " + invocation.hostlist()));
            return HookOutcome.immediateSuccess();
        }
        if (preset == HookPreset.REMOTE_SLURMD || preset == HookPreset.REMOTE_SLURMD_FIXED) {
            return remoteSlurmd(nodes, preset == HookPreset.REMOTE_SLURMD);
        }
        if (preset == HookPreset.PROVISIONER && provisioner.isPresent()) {
            return provisionerClient(role, invocation.hostlist(), provisioner.get());
        }
        return siteProgram(role, nodes);
    }

    /**
     * The write-up's Level 1 hook: the remote-execution tool starts {@code slurmd -b} on each node (after the
     * sim boot delay); as first written, the tool's helper per node is left unreaped and ends up defunct.
     */
    private HookOutcome remoteSlurmd(List<String> nodes, boolean leavesHelpers) {
        Duration delay = bootDelay;
        for (String node : nodes) {
            kernel.scheduleAfter(delay, PRIORITY, () -> {
                machines.booted(node);
                if (leavesHelpers) {
                    defunct.add((helperPids++) + " [ssh] <defunct> (remote-execution helper for " + node
                            + ", never reaped)");
                }
            });
        }
        return new HookOutcome(delay, HookExit.success());
    }

    private HookOutcome provisionerClient(HookRole role, String hostlist, SimProvisioner p) {
        String client = switch (role) {
            case RESUME -> "slurm-resume";
            case SUSPEND -> "slurm-suspend";
            case RESUME_FAIL -> "slurm-resume-fail";
        };
        if (!p.reachable(hostlist)) {
            machines.log(new LogLine(machines.now(), client, client + ": error: cannot reach the provisioner"));
            return new HookOutcome(SimSession.CLIENT_RUN, new HookExit.Exited(1));
        }
        Optional<String> refused = p.request(switch (role) {
            case RESUME -> OperationKind.RESUME;
            case SUSPEND -> OperationKind.SUSPEND;
            case RESUME_FAIL -> OperationKind.RESUME_FAIL;
        }, hostlist);
        if (refused.isPresent()) {
            machines.log(new LogLine(machines.now(), client, client + ": error: " + refused.get()));
            return new HookOutcome(SimSession.CLIENT_RUN, new HookExit.Exited(1));
        }
        return new HookOutcome(SimSession.CLIENT_RUN, HookExit.success());
    }

    /**
     * A site's own program (or one the scenario does not declare), modelled as a working cloud: a resumed node's
     * machine boots and its slurmd starts with a fresh boot time after the sim boot delay; a suspended node's
     * slurmd stops.
     */
    private HookOutcome siteProgram(HookRole role, List<String> nodes) {
        if (role == HookRole.RESUME) {
            for (String node : nodes) {
                kernel.scheduleAfter(bootDelay, PRIORITY, () -> machines.booted(node));
            }
        } else if (role == HookRole.SUSPEND) {
            nodes.forEach(machines::stopSlurmd);
        }
        return HookOutcome.immediateSuccess();
    }
}
