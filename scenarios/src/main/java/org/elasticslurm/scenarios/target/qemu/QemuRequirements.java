package org.elasticslurm.scenarios.target.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.target.lab.FakeSlurm;
import org.elasticslurm.scenarios.target.lab.RepositoryRoot;
import org.elasticslurm.scenarios.target.provisioned.ProvisionerApp;

/** What the qemu target needs of the machine: root, the tools, the daemons, the built service and the ci scripts. */
final class QemuRequirements {
    private static final String MUNGE_SOCKET = "/run/munge/munge.socket.2";

    private QemuRequirements() {
    }

    /**
     * What this machine lacks for the target with this controller, or empty.
     *
     * @param guestBundle the file name of fake-slurmctld's guest bundle beside its commands
     */
    static Optional<String> missing(ControllerKind controller, String guestBundle) {
        List<String> lacking = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            lacking.add("root (network namespaces, taps, qemu:///system)");
        }
        for (String exe : List.of("/usr/bin/virsh", "/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-img",
                "/usr/bin/genisoimage", "/usr/sbin/ip", "/usr/sbin/dnsmasq", "/usr/sbin/debootstrap",
                "/usr/bin/ssh-keygen")) {
            if (!Files.isExecutable(Path.of(exe))) {
                lacking.add(exe + " (bash ci/install-packages.sh)");
            }
        }
        if (!Files.exists(Path.of("/var/run/libvirt/libvirt-sock"))) {
            lacking.add("a running libvirtd (bash ci/start-libvirt.sh)");
        }
        if (controller == ControllerKind.REAL) {
            for (String exe : List.of("/usr/sbin/slurmctld", "/usr/bin/scontrol", "/usr/bin/srun")) {
                if (!Files.isExecutable(Path.of(exe))) {
                    lacking.add(exe + " (Debian's slurm-wlm)");
                }
            }
        }
        if (!Files.exists(Path.of(MUNGE_SOCKET))) {
            lacking.add("a running munged (bash ci/start-munge.sh)");
        }
        try {
            ProvisionerApp.locate(TargetKind.QEMU);
            if (controller == ControllerKind.FAKE) {
                FakeSlurm fake = FakeSlurm.locate(TargetKind.QEMU);
                Path bundle = fake.bin().getParent().resolve(guestBundle);
                if (!Files.isRegularFile(bundle)) {
                    lacking.add("fake-slurmctld's guest bundle " + bundle + " (mvn -B -o -pl fake-slurmctld package "
                            + "-DskipTests)");
                }
            }
        } catch (TargetUnavailableException e) {
            lacking.add(e.getMessage());
        }
        if (RepositoryRoot.find().map(r -> !Files.isExecutable(r.resolve("ci/netlab.sh"))).orElse(true)) {
            lacking.add("the repository's ci/ scripts");
        }
        return lacking.isEmpty() ? Optional.empty()
                : Optional.of("qemu --controller " + controller.word() + " needs: " + String.join("; ", lacking));
    }
}
