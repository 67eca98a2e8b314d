package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Name lookups of the real daemons in a root stay on the machine: slurmctld 24.11 looks up the name of every RPC's
 * peer (127.0.0.1 in a lab), which must be answered by the root's own files, and any query the files cannot
 * answer may only go to a name server on a loopback address.
 */
class RootNameLookupIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"24.11", "26.05"})
    void theLoopbackAddressIsNamedByTheRootsFilesAndNoNameServerIsOffTheMachine(String version) throws IOException {
        Optional<SlurmRoot> root = SlurmRoot.find(version, SlurmRoot.base(System.getenv()));
        Requirement.require(root.isPresent(), "no Slurm " + version + " root; build it with 'sudo "
                + SlurmRoot.buildCommand(version) + "'");
        Requirement.require("root".equals(System.getProperty("user.name")), "chroot into the root: run as root");
        Path dir = root.get().path();

        CommandResult lookup = CommandResult.run(List.of("/usr/sbin/chroot", dir.toString(), "/usr/bin/getent",
                "-s", "files", "hosts", "127.0.0.1"), Map.of(), Path.of("/"), Duration.ofSeconds(10));

        assertThat(lookup.exitCode()).as("getent -s files hosts 127.0.0.1 in %s: %s", dir, lookup.stderr()).isZero();
        assertThat(lookup.stdout()).contains("localhost");
        List<String> servers = Files.readAllLines(dir.resolve("etc/resolv.conf")).stream().map(String::strip)
                .filter(l -> l.startsWith("nameserver")).map(l -> l.substring("nameserver".length()).strip())
                .toList();
        assertThat(servers).as("name servers of %s", dir).allSatisfy(s -> assertThat(InetAddress.getByName(s)
                .isLoopbackAddress()).as("%s is a loopback address", s).isTrue());
    }
}
