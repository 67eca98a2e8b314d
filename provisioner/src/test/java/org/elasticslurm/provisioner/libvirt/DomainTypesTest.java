package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainTypesTest {
    private static final GuestCapabilities KVM_HOST = new GuestCapabilities("x86_64", List.of(
            new GuestCapabilities.Guest("hvm", "i686", Set.of("qemu")),
            new GuestCapabilities.Guest("hvm", "x86_64", Set.of("qemu", "kvm"))));
    private static final GuestCapabilities TCG_HOST = new GuestCapabilities("x86_64", List.of(
            new GuestCapabilities.Guest("hvm", "x86_64", Set.of("qemu"))));

    private final AtomicInteger probes = new AtomicInteger();

    @TempDir
    Path dir;

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
    void aTcgHostGetsTcgWhateverItAdvertisesAndWithoutAProbe() {
        DomainTypes types = new DomainTypes(() -> {
            probes.incrementAndGet();
            return new KvmVerdict(true, "KVM usable: ok", Duration.ZERO);
        }, List.of("qemu+tcp://10.77.0.2:21510/system"));

        assertThat(types.choose("qemu+tcp://10.77.0.2:21510/system", KVM_HOST, DomainTypePolicy.AUTO))
                .isEqualTo(new DomainTypes.Choice("qemu", "x86_64"));
        assertThat(types.choose("qemu+tcp://10.77.0.3:21510/system", KVM_HOST, DomainTypePolicy.AUTO).type())
                .as("a remote host that is not a TCG host").isEqualTo("kvm");
        assertThat(types.choose("qemu+tcp://10.77.0.2:21510/system", KVM_HOST, DomainTypePolicy.KVM).type())
                .as("a pool's own domain-type wins").isEqualTo("kvm");
        assertThat(probes).hasValue(0);
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

    private KvmVerdictCache keptIn(Path file) throws IOException {
        Path bootId = dir.resolve("boot_id");
        Path qemu = dir.resolve("qemu");
        Path kernel = dir.resolve("vmlinuz");
        if (!Files.exists(bootId)) {
            Files.writeString(bootId, "5b0c1f7e-1111-4222-8333-444455556666\n");
            Files.write(qemu, new byte[] {1});
            Files.write(kernel, new byte[] {2});
        }
        return new KvmVerdictCache(file, new KvmProbeConditions(bootId, qemu, kernel, dir.resolve("kvm"),
                Duration.ofSeconds(10)), Clock.fixed(Instant.parse("2026-11-28T22:30:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aVerdictKeptByAnEarlierStartIsUsedWithoutProbing() throws IOException {
        Path file = dir.resolve("kvm-verdict.properties");
        new DomainTypes(() -> new KvmVerdict(false, "KVM not usable: hangs", Duration.ofSeconds(12)), keptIn(file),
                List.of())
                .verdict();
        DomainTypes restarted = new DomainTypes(() -> {
            probes.incrementAndGet();
            return new KvmVerdict(true, "KVM usable: ok", Duration.ZERO);
        }, keptIn(file), List.of());

        assertThat(restarted.choose("qemu:///system", KVM_HOST, DomainTypePolicy.AUTO).type()).isEqualTo("qemu");
        assertThat(probes).hasValue(0);
        assertThat(restarted.verdict().reason()).isEqualTo("KVM not usable: hangs (probed 2026-11-28T22:30:00Z in"
                + " this boot; kept in " + file + ")");
    }

    @Test
    void withoutAKeptVerdictTheProbeRunsOnceAndItsVerdictIsKept() throws IOException {
        Path file = dir.resolve("kvm-verdict.properties");
        DomainTypes types = new DomainTypes(() -> {
            probes.incrementAndGet();
            return new KvmVerdict(true, "KVM usable: ok", Duration.ZERO);
        }, keptIn(file), List.of());

        assertThat(types.choose("qemu:///system", KVM_HOST, DomainTypePolicy.AUTO).type()).isEqualTo("kvm");
        types.choose("qemu:///system", KVM_HOST, DomainTypePolicy.AUTO);

        assertThat(probes).hasValue(1);
        assertThat(types.verdict().reason()).isEqualTo("KVM usable: ok");
        assertThat(file).content().contains("usable=true");
    }
}
