package org.elasticslurm.provisioner.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.elasticslurm.provisioner.testing.ScontrolStandIn;
import org.elasticslurm.provisioner.testing.TestConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} names every wrong thing of a configuration in a line of its own and exits 1; 0 when none. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int check(String siteText) throws Exception {
        Path site = dir.resolve("provisioner.properties");
        Files.writeString(site, siteText);
        return AdminMain.run(new String[] {"check", "--config", site.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    }

    private List<String> problems() {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("problem: ")).toList();
    }

    private String workingSite() throws Exception {
        ScontrolStandIn scontrol = new ScontrolStandIn(dir.resolve("slurm"), TestConf.CLOUD8, List.of("test1"));
        Path token = dir.resolve("token");
        Files.writeString(token, "secret\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        return "provisioner.slurm-conf=" + scontrol.slurmConf + "\nprovisioner.slurm.scontrol=" + scontrol.scontrol
                + "\nprovisioner.token-file=" + token + "\nprovisioner.operation-log=" + dir.resolve("ops.jsonl") + "\n";
    }

    @Test
    void aWorkingConfigurationHasNoProblem() throws Exception {
        assertThat(check(workingSite())).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(problems()).isEmpty();
    }

    @Test
    void valuesOfTheWrongTypeAreEachNamedInOneLine() throws Exception {
        assertThat(check(workingSite() + "provisioner.max-parallel=abc\nprovisioner.address-timeout=soon\n"))
                .isEqualTo(AdminMain.PROBLEM);

        assertThat(problems()).hasSize(2);
        assertThat(problems()).anyMatch(l -> l.contains("provisioner.max-parallel") && l.contains("abc"));
        assertThat(problems()).anyMatch(l -> l.contains("provisioner.address-timeout") && l.contains("soon"));
    }

    @Test
    void aTokenFileReadableByOthersAndAnUnreachableControllerAreNamed() throws Exception {
        String site = workingSite();
        Files.setPosixFilePermissions(dir.resolve("token"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dir.resolve("slurm/slurm.conf.down"), "");

        assertThat(check(site)).isEqualTo(AdminMain.PROBLEM);

        assertThat(problems()).hasSize(2);
        assertThat(problems()).anyMatch(l -> l.contains("provisioner.token-file") && l.contains("chmod 600"));
        assertThat(problems()).anyMatch(l -> l.startsWith("problem: slurmctld: not reached"));
    }

    @Test
    void aMissingOperationLogDirectoryAndAPoolOfNonCloudNodesAreNamed() throws Exception {
        assertThat(check(workingSite() + "provisioner.operation-log=" + dir.resolve("no/such/ops.jsonl")
                + "\nprovisioner.pools.p.nodes=login1\n")).isEqualTo(AdminMain.PROBLEM);

        assertThat(problems()).hasSize(2);
        assertThat(problems()).anyMatch(l -> l.contains("provisioner.operation-log") && l.contains(dir.resolve("no/such")
                .toString()));
        assertThat(problems()).anyMatch(l -> l.contains("provisioner.pools.p.nodes") && l.contains("login1"));
    }

    @Test
    void anExplicitSiteFileThatDoesNotExistIsAProblem() throws Exception {
        int exit = AdminMain.run(new String[] {"check", "--config", dir.resolve("none.properties").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        assertThat(exit).isEqualTo(AdminMain.PROBLEM);
        assertThat(problems()).anyMatch(l -> l.contains(dir.resolve("none.properties") + ": does not exist"));
    }
}
