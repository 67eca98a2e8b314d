package org.elasticslurm.scenarios.catalog;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.sim.SimTarget;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.target.libvirttest.LibvirtTestTarget;
import org.elasticslurm.scenarios.target.qemu.QemuTarget;
import org.elasticslurm.scenarios.target.realslurm.RealSlurmTarget;

/** The targets wired into this build, by kind. */
public final class TargetCatalog {
    private final Map<TargetKind, Target> targets;

    private TargetCatalog(Map<TargetKind, Target> targets) {
        this.targets = targets.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(targets));
    }

    /** A catalog of these targets. */
    public static TargetCatalog of(Map<TargetKind, Target> targets) {
        targets.forEach((kind, target) -> {
            if (target.kind() != kind) {
                throw new IllegalArgumentException("target registered as " + kind + " says it is " + target.kind());
            }
        });
        return new TargetCatalog(targets);
    }

    /**
     * The targets this build runs scenarios on: {@code sim} (fake-slurmctld on the virtual clock). The runners
     * of the other targets plug in here as they land.
     */
    public static TargetCatalog builtIn() {
        return new TargetCatalog(Map.of(TargetKind.SIM, new SimTarget(new SlurmConfParser()),
                TargetKind.FAKE_REALTIME, RealSlurmTarget.fakeRealtime(),
                TargetKind.REAL_SLURM, RealSlurmTarget.debian(),
                TargetKind.LIBVIRT_TEST, LibvirtTestTarget.standard(),
                TargetKind.QEMU, QemuTarget.standard(ControllerKind.FAKE)));
    }

    /**
     * The target of this kind.
     *
     * @throws TargetUnavailableException "runner for target X not available yet" when none is wired
     */
    public Target get(TargetKind kind) {
        Target t = targets.get(kind);
        if (t == null) {
            throw new TargetUnavailableException(kind, "runner for target " + kind + " not available yet"
                    + (targets.isEmpty() ? "" : " (available: " + targets.keySet() + ")"));
        }
        return t;
    }

    /**
     * The target of this kind with this controller ({@code --controller}): only {@code qemu} has the choice.
     *
     * @throws TargetUnavailableException as {@link #get(TargetKind)}
     * @throws IllegalArgumentException when the target has no choice of controller
     */
    public Target get(TargetKind kind, ControllerKind controller) {
        Target t = get(kind);
        if (t instanceof QemuTarget q) {
            return q.controller() == controller ? q
                    : QemuTarget.standard(controller);
        }
        throw new IllegalArgumentException("--controller applies to the qemu target only; " + kind
                + " has one controller of its own");
    }

    /** The kinds wired. */
    public Set<TargetKind> available() {
        return targets.keySet();
    }
}
