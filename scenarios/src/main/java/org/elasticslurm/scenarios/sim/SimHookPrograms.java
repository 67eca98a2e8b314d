package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.api.HookRun;
import org.elasticslurm.fake.api.PowerSaveHook;
import org.elasticslurm.fake.api.Scheduler;
import org.elasticslurm.fake.api.SimulatedSlurm;
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
    private final Scheduler kernel;
    private final Optional<SimProvisioner> provisioner;
    private final Machines machines;
    private final List<String> defunct = new ArrayList<>();
    private int helperPids = 41000;

    SimHookPrograms(Map<HookRole, HookSpec> programs, Duration bootDelay, Scheduler kernel,
                    Optional<SimProvisioner> provisioner, Machines machines) {
        this.programs.putAll(programs);
        this.bootDelay = bootDelay;
        this.kernel = kernel;
        this.provisioner = provisioner;
        this.machines = machines;
    }

    /** Makes {@code slurm} run these programs. */
    void install(SimulatedSlurm slurm) {
        for (HookRole role : HookRole.values()) {
            slurm.hookProgram(kind(role), (argv0, hostlist) -> program(role, argv0, hostlist));
        }
    }

    /** The helper processes left defunct so far. */
    List<String> defunct() {
        return List.copyOf(defunct);
    }

    static PowerSaveHook kind(HookRole role) {
        return switch (role) {
            case RESUME -> PowerSaveHook.RESUME;
            case SUSPEND -> PowerSaveHook.SUSPEND;
            case RESUME_FAIL -> PowerSaveHook.RESUME_FAIL;
        };
    }

    static HookRole role(PowerSaveHook kind) {
        return switch (kind) {
            case RESUME -> HookRole.RESUME;
            case SUSPEND -> HookRole.SUSPEND;
            case RESUME_FAIL -> HookRole.RESUME_FAIL;
        };
    }

    /** What the program for the role does when slurmctld starts it (on the controller's thread). */
    private HookRun program(HookRole role, String argv0, String hostlist) {
        HookSpec spec = programs.get(role);
        HookPreset preset = spec instanceof HookSpec.Preset p ? p.preset() : null;
        List<String> nodes = Hostlist.parse(hostlist).names();
        if (preset == HookPreset.NOOP) {
            return HookRun.immediateSuccess();
        }
        if (preset == HookPreset.LOG) {
            machines.log(new LogLine(machines.now(), "hooks.log", argv0 + " " + hostlist));
            return HookRun.immediateSuccess();
        }
        if (preset == HookPreset.REMOTE_SLURMD || preset == HookPreset.REMOTE_SLURMD_FIXED) {
            return remoteSlurmd(nodes, preset == HookPreset.REMOTE_SLURMD);
        }
        if (preset == HookPreset.PROVISIONER && provisioner.isPresent()) {
            return provisionerClient(role, hostlist, provisioner.get());
        }
        return siteProgram(role, nodes);
    }

    /**
     * The write-up's Level 1 hook: the remote-execution tool starts {@code slurmd -b} on each node (after the
     * sim boot delay); as first written, the tool's helper per node is left unreaped and ends up defunct.
     */
    private HookRun remoteSlurmd(List<String> nodes, boolean leavesHelpers) {
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
        return new HookRun(delay, 0);
    }

    private HookRun provisionerClient(HookRole role, String hostlist, SimProvisioner p) {
        String client = switch (role) {
            case RESUME -> "slurm-resume";
            case SUSPEND -> "slurm-suspend";
            case RESUME_FAIL -> "slurm-resume-fail";
        };
        if (!p.reachable(hostlist)) {
            machines.log(new LogLine(machines.now(), client, client + ": error: cannot reach the provisioner"));
            return new HookRun(SimSession.CLIENT_RUN, 1);
        }
        Optional<String> refused = p.request(switch (role) {
            case RESUME -> OperationKind.RESUME;
            case SUSPEND -> OperationKind.SUSPEND;
            case RESUME_FAIL -> OperationKind.RESUME_FAIL;
        }, hostlist);
        if (refused.isPresent()) {
            machines.log(new LogLine(machines.now(), client, client + ": error: " + refused.get()));
            return new HookRun(SimSession.CLIENT_RUN, 1);
        }
        return new HookRun(SimSession.CLIENT_RUN, 0);
    }

    /**
     * A site's own program (or one the scenario does not declare), modelled as a working cloud: a resumed node's
     * machine boots and its slurmd starts with a fresh boot time after the sim boot delay; a suspended node's
     * slurmd stops.
     */
    private HookRun siteProgram(HookRole role, List<String> nodes) {
        if (role == HookRole.RESUME) {
            for (String node : nodes) {
                kernel.scheduleAfter(bootDelay, PRIORITY, () -> machines.booted(node));
            }
        } else if (role == HookRole.SUSPEND) {
            nodes.forEach(machines::stopSlurmd);
        }
        return HookRun.immediateSuccess();
    }
}
