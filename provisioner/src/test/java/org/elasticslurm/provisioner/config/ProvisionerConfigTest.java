package org.elasticslurm.provisioner.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.pool.PoolMode;
import org.elasticslurm.provisioner.pool.Pools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisionerConfigTest {

    static ProvisionerConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ProvisionerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter())
                .addDefaultInterceptors()
                .build();
        return config.getConfigMapping(ProvisionerConfig.class);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        ProvisionerConfig c = load(Map.of());
        assertThat(c.backend()).isEqualTo(BackendKind.SIM);
        assertThat(c.slurm().scontrol()).hasToString("/usr/bin/scontrol");
        assertThat(c.maxParallel()).isEqualTo(16);
        assertThat(c.libvirt().uris()).containsExactly("qemu:///system");
        assertThat(c.sim().bootDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pools()).isEmpty();
        assertThat(c.pools().get(Pools.DEFAULT_POOL).mode()).isEqualTo(PoolMode.CREATE);
        assertThat(new ConfigValidator().problems(c)).isEmpty();
    }

    @Test
    void simMachinesGetLoopbackAddressesByDefault() {
        assertThat(load(Map.of()).sim().firstAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void poolKeysAreFlatUnderThePoolName() {
        ProvisionerConfig c = load(Map.of(
                "provisioner.backend", "libvirt",
                "provisioner.pools.small.nodes", "test[1-4]",
                "provisioner.pools.small.mode", "existing",
                "provisioner.pools.small.base-image", "bookworm.qcow2",
                "provisioner.pools.small.memory", "2048",
                "provisioner.pools.small.mac-ip.\"52:54:00:0a:00:01\"", "10.77.0.11",
                "provisioner.pools.small.post-config.command", "/usr/bin/ansible-playbook,-l,{node},site.yml",
                "provisioner.pools.small.post-config.timeout", "90s",
                "provisioner.sim.boot-delay", "PT0.5S"));
        PoolConfig small = c.pools().get("small");
        assertThat(c.backend()).isEqualTo(BackendKind.LIBVIRT);
        assertThat(small.nodes()).contains("test[1-4]");
        assertThat(small.mode()).isEqualTo(PoolMode.EXISTING);
        assertThat(small.machine().baseImage()).contains("bookworm.qcow2");
        assertThat(small.machine().memory()).isEqualTo(2048);
        assertThat(small.machine().macIp()).containsEntry("52:54:00:0a:00:01", "10.77.0.11");
        assertThat(small.postConfig().command()).contains(
                List.of("/usr/bin/ansible-playbook", "-l", "{node}", "site.yml"));
        assertThat(small.postConfig().timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.sim().bootDelay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void validatorNamesEveryBadKeyAndTheRule() {
        ProvisionerConfig c = load(Map.of(
                "provisioner.max-parallel", "0",
                "provisioner.slurm.scontrol", "scontrol",
                "provisioner.sim.failure-probability", "1.5",
                "provisioner.retry.multiplier", "0.5",
                "provisioner.pools.p.post-config.command", "ansible-playbook"));
        assertThat(new ConfigValidator().problems(c)).containsExactlyInAnyOrder(
                "provisioner.slurm.scontrol: must be an absolute path (scontrol)",
                "provisioner.max-parallel: must be at least 1 (0)",
                "provisioner.retry.multiplier: must be at least 1.0 (0.5)",
                "provisioner.sim.failure-probability: must be a probability between 0 and 1 (1.5)",
                "provisioner.pools.p.post-config.command: the first element must be an absolute path ([ansible-playbook])");
    }

    @Test
    void aRelativeKvmVerdictFileIsRefusedNamingTheKey() {
        ProvisionerConfig c = load(Map.of("provisioner.libvirt.kvm-verdict-file", "state/kvm-verdict.properties"));

        assertThat(new ConfigValidator().problems(c)).containsExactly(
                "provisioner.libvirt.kvm-verdict-file: must be an absolute path (state/kvm-verdict.properties)");
    }

    @Test
    void anAbsoluteKvmVerdictFileIsAccepted() {
        ProvisionerConfig c = load(Map.of("provisioner.libvirt.kvm-verdict-file", "/var/cache/esl/kvm.properties"));

        assertThat(c.libvirt().kvmVerdictFile()).contains(Path.of("/var/cache/esl/kvm.properties"));
        assertThat(new ConfigValidator().problems(c)).isEmpty();
    }
}
