package org.elasticslurm.scenarios.target;

import org.elasticslurm.conf.SlurmVersion;
import java.util.Optional;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;

/**
 * A place scenarios run (the port the runner drives): {@code sim}, {@code fake-realtime}, {@code libvirt-test},
 * {@code qemu}, {@code real-slurm}. The runner owns the scenario's order, timing, waits and verdicts; a target
 * only sets up the lab, carries out actions, lets time pass and reports what it observed.
 *
 * <p>A target that cannot carry out a step or observe an expectation says why through
 * {@link #cannotRun}/{@link #cannotCheck}; the report then shows "not applicable on &lt;target&gt;: why" for it.
 * Nothing is skipped silently.
 */
public interface Target {

    /** Which target this is. */
    TargetKind kind();

    /**
     * Why this target cannot carry out the action (e.g. {@code sim} has no backend to inject a libvirt fault
     * into), or empty when it can.
     */
    Optional<String> cannotRun(Step.Action action);

    /** Why this target cannot observe the expectation (e.g. no real processes to find defunct ones), or empty. */
    Optional<String> cannotCheck(Expectation expectation);

    /**
     * Prepares the lab for the scenario (scratch directory as {@code $LAB}, slurm.conf with the placeholders
     * replaced, hook programs installed with their modes, controller and provisioner started) at scenario time 0.
     *
     * @throws TargetException when the lab cannot be set up; nothing it started is left running
     */
    TargetSession open(LoadedScenario scenario, ProgressListener progress);

    /**
     * This target for the Slurm version chosen ({@code --slurm-version}): the real-slurm target runs that
     * version's real daemons, fake-realtime's drop-ins emulate it; the others are returned as they are (the sim
     * emulates the version of the {@link LoadedScenario} it runs).
     *
     * @param env the environment (where the roots of real Slurm versions are: {@code ELASTIC_SLURM_ROOTS})
     * @throws TargetUnavailableException when the version's daemons are not on this machine, saying how to get them
     */
    default Target forVersion(SlurmVersion version, java.util.Map<String, String> env) {
        return this;
    }

    /** What the target's real {@code slurmctld -V} prints (e.g. {@code slurm-wlm 24.11.5}), when it runs one. */
    default Optional<String> slurmctldVersion() {
        return Optional.empty();
    }

    /**
     * The slurmctld this target runs, for the run's version line: emulated unless {@link #slurmctldVersion()}
     * reads a real one. A target that runs a real slurmctld says so here even when its version cannot be read
     * ({@link SlurmctldVersion.Unread}).
     */
    default SlurmctldVersion slurmctld() {
        return slurmctldVersion().<SlurmctldVersion>map(SlurmctldVersion.Read::new)
                .orElseGet(SlurmctldVersion.Emulated::new);
    }
}
