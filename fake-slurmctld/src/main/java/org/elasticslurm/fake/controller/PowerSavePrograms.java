package org.elasticslurm.fake.controller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.fake.hook.HookExit;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.hook.HookProcess;
import org.elasticslurm.fake.hook.HookRunner;
import org.elasticslurm.fake.hook.HookStartException;

/**
 * The programs the power-save thread starts (SuspendProgram, ResumeProgram, ResumeFailProgram): started by
 * {@code _run_prog}, reaped by {@code _reap_procs}, orphaned when slurmctld stops before they end.
 */
final class PowerSavePrograms {

    private record Tracked(HookProcess process, long startTime) {
    }

    private final ControllerLog log;
    private final SlurmClock clock;
    private final HookRunner hooks;
    private final HookEnvironment environment;
    private final Runnable onProgramSucceeded;
    private final List<Tracked> processes = new ArrayList<>();

    PowerSavePrograms(ControllerLog log, SlurmClock clock, HookRunner hooks, HookEnvironment environment,
                      Runnable onProgramSucceeded) {
        this.log = log;
        this.clock = clock;
        this.hooks = hooks;
        this.environment = environment;
        this.onProgramSucceeded = onProgramSucceeded;
    }

    /** _run_prog: -1 when there is no program or it could not be started. */
    long run(HookKind kind, Optional<String> program, String hosts, String json) {
        if (program.isEmpty()) {
            return -1;
        }
        try {
            HookProcess process = hooks.start(environment.invocation(kind, program.get(), hosts, json));
            processes.add(new Tracked(process, clock.now()));
            return process.pid();
        } catch (HookStartException e) {
            log.error("fork: " + e.getMessage());
            return -1;
        }
    }

    /** _reap_procs; a program that ran longer than {@code maxTimeout} seconds is logged. */
    void reap(int maxTimeout) {
        long now = clock.now();
        for (Iterator<Tracked> it = processes.iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            Optional<HookExit> exit = t.process.pollExit();
            if (exit.isEmpty()) {
                continue;
            }
            long delay = now - t.startTime;
            if (delay > maxTimeout) {
                log.power(() -> "program " + t.process.pid() + " ran for " + delay + " sec");
            }
            if (exit.get() instanceof HookExit.Exited exited) {
                if (exited.status() != 0) {
                    log.error("power_save: program exit status of " + exited.status());
                } else {
                    onProgramSucceeded.run();
                }
            } else if (exit.get() instanceof HookExit.Signaled signaled) {
                log.error("power_save: program signaled: " + signaled.description());
            }
            t.process.release();
            it.remove();
        }
    }

    /** What the hook runner found wrong with the programs so far (logged as warnings). */
    List<String> diagnose(Instant now) {
        return hooks.diagnose(now);
    }

    /** Programs started and not yet reaped. */
    int running() {
        return processes.size();
    }

    /** _shutdown_power's last resort: the programs still running are left to themselves. */
    void orphanAll() {
        log.error("power_save: orphaning " + processes.size()
                + " processes which are not terminating so slurmctld can exit");
        for (Tracked t : processes) {
            log.error("power_save: orphaning process " + t.process.pid());
        }
        processes.clear();
    }
}
