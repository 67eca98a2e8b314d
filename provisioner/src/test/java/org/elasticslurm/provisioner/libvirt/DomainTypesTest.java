package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DomainTypesTest {
    private static final GuestCapabilities KVM_HOST = new GuestCapabilities("x86_64", List.of(
            new GuestCapabilities.Guest("hvm", "i686", Set.of("qemu")),
            new GuestCapabilities.Guest("hvm", "x86_64", Set.of("qemu", "kvm"))));
    private static final GuestCapabilities TCG_HOST = new GuestCapabilities("x86_64", List.of(
            new GuestCapabilities.Guest("hvm", "x86_64", Set.of("qemu"))));

    private final AtomicInteger probes = new AtomicInteger();

    private DomainTypes types(boolean kvmWorks) {
        return new DomainTypes(() -> {
            probes.incrementAndGet();
            return new KvmVerdict(kvmWorks, kvmWorks ? "KVM usable: ok" : "KVM not usable: hangs", Duration.ZERO);
        });
    }

    @Test
    void aLocalHostUsesKvmOnlyWhenTheProbeBootsAKernel() {
        assertThat(types(true).choose("qemu:///system", KVM_HOST, DomainTypePolicy.AUTO))
                .isEqualTo(new DomainTypes.Choice("kvm", "x86_64"));
        assertThat(types(false).choose("qemu:///system", KVM_HOST, DomainTypePolicy.AUTO))
                .isEqualTo(new DomainTypes.Choice("qemu", "x86_64"));
    }

    @Test
    void theProbeRunsOnceAndNotForHostsWithoutKvmOrRemoteHosts() {
        DomainTypes types = types(false);

        assertThat(types.choose("qemu:///system", TCG_HOST, DomainTypePolicy.AUTO).type()).isEqualTo("qemu");
        assertThat(types.choose("qemu+ssh://hv2/system", KVM_HOST, DomainTypePolicy.AUTO).type()).isEqualTo("kvm");
        assertThat(probes).hasValue(0);
        types.choose("qemu:///system", KVM_HOST, DomainTypePolicy.AUTO);
        types.choose("qemu:///session", KVM_HOST, DomainTypePolicy.AUTO);
        assertThat(probes).hasValue(1);
    }

    @Test
    void aForcedTypeMustBeOffered() {
        assertThat(types(false).choose("qemu:///system", KVM_HOST, DomainTypePolicy.KVM).type()).isEqualTo("kvm");
        assertThatThrownBy(() -> types(true).choose("qemu:///system", TCG_HOST, DomainTypePolicy.KVM))
                .hasMessageContaining("offers domain types [qemu] for x86_64, not kvm");
    }

    @Test
    void aProbeThatFailsMeansNoKvm() {
        DomainTypes types = new DomainTypes(() -> {
            throw new IllegalStateException("qemu missing");
        });

        assertThat(types.choose("qemu:///system", KVM_HOST, DomainTypePolicy.AUTO).type()).isEqualTo("qemu");
        assertThat(types.verdict().reason()).contains("the probe failed: qemu missing");
    }
}
