package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The libvirt backend's settings refuse what cannot work, naming the key and the rule. */
class LibvirtSettingsTest {
    private static LibvirtSettings withTcgHosts(List<String> tcgHosts) {
        return new LibvirtSettings(List.of("qemu:///system", "qemu+tcp://hv2/system"), Path.of("/usr/bin/qemu"),
                Duration.ofSeconds(10), Optional.empty(), Path.of("/usr/bin/genisoimage"), Duration.ofSeconds(2),
                Path.of("/tmp"), Path.of("/etc/slurm/slurm.conf"), LibvirtSettings.SeedWriter.BUILTIN, "site",
                Optional.empty(), Duration.ofSeconds(60), tcgHosts);
    }

    @Test
    void aTcgHostMustBeOneOfTheHostsAsItsUriIsWritten() {
        assertThatThrownBy(() -> withTcgHosts(List.of("qemu+tcp://hv2:16509/system")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("provisioner.libvirt.tcg-hosts: qemu+tcp://hv2:16509/system is not one of "
                        + "provisioner.libvirt.uris [qemu:///system, qemu+tcp://hv2/system] (each TCG host must be "
                        + "written as in uris)");
    }

    @Test
    void tcgHostsAmongTheHostsAreKept() {
        assertThat(withTcgHosts(List.of("qemu+tcp://hv2/system")).tcgHosts()).containsExactly("qemu+tcp://hv2/system");
    }
}
