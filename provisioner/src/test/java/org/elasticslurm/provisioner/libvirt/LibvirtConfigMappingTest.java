package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.config.Owner;
import org.elasticslurm.provisioner.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool keys of the libvirt backend as the service reads them: ethernet, attach-command, seed-files. */
class LibvirtConfigMappingTest {
    private static final String CONF = "ClusterName=lab\nNodeName=test[1-4] State=CLOUD\n";

    @TempDir
    Path dir;

    private List<PoolSpec> pools(Map<String, String> properties) {
        return LibvirtConfigMapping.pools(TestConfig.pools(CONF, properties).all().values(),
                TestConfig.load(properties).pools());
    }

    private Map<String, String> createPool(String... more) {
        Map<String, String> p = new HashMap<>(Map.of(
                "provisioner.pools.cloud.nodes", "test[1-2]",
                "provisioner.pools.cloud.base-image", "base.qcow2"));
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void anEthernetPoolWithAttachCommandAndSeedFilesIsRead() throws Exception {
        Path tarball = Files.write(dir.resolve("fake-slurmd.tar.gz"), new byte[] {1, 2, 3});

        CreatePoolSpec spec = (CreatePoolSpec) pools(createPool(
                "provisioner.pools.cloud.ethernet", "true",
                "provisioner.pools.cloud.attach-command", "/repo/ci/netlab.sh,adopt-tap,{tap}",
                "provisioner.pools.cloud.attach-timeout", "45s",
                "provisioner.pools.cloud.seed-files.\"fake-slurmd.tar.gz\"", tarball.toString())).get(0);

        assertThat(spec.network()).contains(CreatePoolSpec.Network.ethernet("esl"));
        assertThat(spec.attach()).contains(new AttachCommand(List.of("/repo/ci/netlab.sh", "adopt-tap", "{tap}"),
                Duration.ofSeconds(45)));
        assertThat(spec.seed().files()).containsExactly(Map.entry("fake-slurmd.tar.gz", tarball));
    }

    @Test
    void anExistingPoolTakesAnAttachCommand() {
        ExistingPoolSpec spec = (ExistingPoolSpec) pools(Map.of("provisioner.pools.lab.mode", "existing",
                "provisioner.pools.lab.attach-command", "/repo/ci/netlab.sh,adopt-tap,{tap}")).get(0);

        assertThat(spec.attach()).contains(new AttachCommand(List.of("/repo/ci/netlab.sh", "adopt-tap", "{tap}"),
                Duration.ofSeconds(30)));
    }

    @Test
    void everyBadInterfaceSettingIsNamedWithItsRule() {
        assertThatThrownBy(() -> pools(createPool("provisioner.pools.cloud.ethernet", "true",
                "provisioner.pools.cloud.bridge", "br0", "provisioner.pools.cloud.tap-prefix", "vnet")))
                .hasMessageContaining("provisioner.pools.cloud.ethernet: cannot be combined with bridge (br0)")
                .hasMessageContaining("provisioner.pools.cloud.tap-prefix: tap-prefix 'vnet' starts with 'vnet'")
                .hasMessageContaining("provisioner.pools.cloud.ethernet=true needs"
                        + " provisioner.pools.cloud.attach-command");
        assertThatThrownBy(() -> pools(createPool("provisioner.pools.cloud.attach-command", "/bin/true")))
                .hasMessageContaining("provisioner.pools.cloud.attach-command: needs"
                        + " provisioner.pools.cloud.ethernet=true in mode create");
        assertThatThrownBy(() -> pools(createPool("provisioner.pools.cloud.ethernet", "true",
                "provisioner.pools.cloud.attach-command", "netlab.sh,{tap},{ip}")))
                .hasMessageContaining("provisioner.pools.cloud.attach-command: the first element must be an absolute"
                        + " path");
        assertThatThrownBy(() -> pools(Map.of("provisioner.pools.lab.mode", "existing",
                "provisioner.pools.lab.ethernet", "true",
                "provisioner.pools.lab.attach-command", "/bin/true,{ip}")))
                .hasMessageContaining("provisioner.pools.lab.ethernet: only for mode create")
                .hasMessageContaining("provisioner.pools.lab.attach-command: unknown placeholders [{ip}]");
    }

    @Test
    void seedFilesWithBadNamesOrUnreadableFilesStopTheStart() throws Exception {
        Path ok = Files.write(dir.resolve("ok.bin"), new byte[] {1});

        assertThatThrownBy(() -> pools(createPool(
                "provisioner.pools.cloud.seed-files.\"user-data\"", ok.toString(),
                "provisioner.pools.cloud.seed-files.\"-o\"", ok.toString(),
                "provisioner.pools.cloud.seed-files.\"missing.tar.gz\"", dir.resolve("missing.tar.gz").toString(),
                "provisioner.pools.cloud.seed-files.\"relative\"", "some/file")))
                .hasMessageContaining("provisioner.pools.cloud.seed-files.\"user-data\": user-data is a cloud-init"
                        + " file of the seed itself")
                .hasMessageContaining("provisioner.pools.cloud.seed-files.\"-o\": a seed file name uses letters")
                .hasMessageContaining("provisioner.pools.cloud.seed-files.\"missing.tar.gz\": "
                        + dir.resolve("missing.tar.gz") + " is not a readable regular file")
                .hasMessageContaining("provisioner.pools.cloud.seed-files.\"relative\": must be an absolute path");
        assertThatThrownBy(() -> pools(Map.of("provisioner.pools.lab.mode", "existing",
                "provisioner.pools.lab.seed-files.\"a\"", ok.toString())))
                .hasMessageContaining("provisioner.pools.lab.seed-files: only for mode create");
    }

    @Test
    void theKvmVerdictIsKeptBesideTheOperationLogUnlessConfigured() {
        LibvirtSettings byDefault = LibvirtConfigMapping.settings(TestConfig.load(Map.of(
                "provisioner.operation-log", "/srv/esl/operations.jsonl")), new Owner("lab"));
        LibvirtSettings configured = LibvirtConfigMapping.settings(TestConfig.load(Map.of(
                "provisioner.libvirt.kvm-verdict-file", "/var/cache/esl/kvm.properties")), new Owner("lab"));

        assertThat(byDefault.kvmVerdictFile()).contains(Path.of("/srv/esl/kvm-verdict.properties"));
        assertThat(configured.kvmVerdictFile()).contains(Path.of("/var/cache/esl/kvm.properties"));
    }
}
