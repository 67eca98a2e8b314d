package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.junit.jupiter.api.Test;

/** The provisioner's keys of a qemu run. */
class QemuPoolPropertiesTest {
    private static final String PREFIX = "provisioner.pools.cloud.";

    private static QemuPoolProperties run(List<String> uris) {
        return new QemuPoolProperties("eq0a0b0c", Path.of("/tmp/eslq-1"), Path.of("/var/cache/images/abc"), uris,
                Path.of("/run/esl/hosts"), Path.of("/tmp/eslq-1/attach-tap"), Path.of("/tmp/eslq-1/user-data.yaml"),
                Map.of("never_register", "none", "ssh_authorized_key", "ssh-ed25519 AAAA elastic-lab-eq0a0b0c"),
                Optional.empty());
    }

    private static ProvisionerSetup setup(List<String> postConfig) {
        Position at = Position.wholeFile(Path.of("s.yaml"));
        return new ProvisionerSetup(List.of(new ProvisionerSetup.Pool("cloud", "test[1-2]",
                ProvisionerSetup.Mode.CREATE, postConfig, OptionalInt.empty(), at)), Map.of(), 1, at);
    }

    @Test
    void labInAPostConfigurationStandsForTheRunsDirectory() {
        Map<String, String> keys = run(List.of("qemu:///system")).of(setup(List.of("/usr/bin/env",
                "ANSIBLE_CONFIG=$LAB/ansible/ansible.cfg", "/usr/bin/ansible-playbook", "-i", "{address},",
                "$LAB/ansible/post-config.yml")), "console=ttyS0");

        assertThat(keys.get(PREFIX + "post-config.command")).isEqualTo("/usr/bin/env,"
                + "ANSIBLE_CONFIG=/tmp/eslq-1/ansible/ansible.cfg,/usr/bin/ansible-playbook,-i,{address}\\,,"
                + "/tmp/eslq-1/ansible/post-config.yml");
    }

    @Test
    void aCreatePoolGetsTheRunsUserDataVariablesAndTheGuestImagesKernel() {
        Map<String, String> keys = run(List.of("qemu:///system")).of(setup(List.of()), "console=ttyS0 quiet");

        assertThat(keys).containsEntry(PREFIX + "user-data-vars.ssh_authorized_key",
                        "ssh-ed25519 AAAA elastic-lab-eq0a0b0c")
                .containsEntry(PREFIX + "user-data-vars.never_register", "none")
                .containsEntry(PREFIX + "kernel", "/var/cache/images/abc/vmlinuz")
                .containsEntry(PREFIX + "kernel-args", "console=ttyS0 quiet")
                .containsEntry(PREFIX + "storage-pool", "eq0a0b0c")
                .containsEntry("provisioner.owner", "eq0a0b0c")
                .doesNotContainKey(PREFIX + "domain-type")
                .doesNotContainKey("provisioner.libvirt.tcg-hosts")
                .doesNotContainKey(PREFIX + "post-config.command");
    }

    @Test
    void aSecondHostIsATcgHostSinceItsKvmAdvertisementCannotBeProbed() {
        Map<String, String> keys = run(List.of("qemu:///system", "qemu+tcp://10.77.0.2:21510/system"))
                .of(setup(List.of()), "console=ttyS0");

        assertThat(keys).containsEntry("provisioner.libvirt.tcg-hosts", "qemu+tcp://10.77.0.2:21510/system")
                .containsEntry("provisioner.libvirt.uris", "qemu:///system,qemu+tcp://10.77.0.2:21510/system")
                .doesNotContainKey(PREFIX + "domain-type");
    }
}
