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
        return workingSite(TestConf.CLOUD8);
    }

    private String workingSite(String slurmConf) throws Exception {
        ScontrolStandIn scontrol = new ScontrolStandIn(dir.resolve("slurm"), slurmConf, List.of("test1"));
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

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKeyAddedIn2411IsNoProblemWhenTheVersionIs2411AndTheRulesAreNamed() throws Exception {
        String site = workingSite(TestConf.CLOUD8 + "SuspendExcStates=down,drain\n")
                + "provisioner.slurm-version=24.11\n";

        assertThat(check(site)).as(output()).isZero();

        assertThat(output()).contains("slurm.conf: " + dir.resolve("slurm/slurm.conf")
                + " read with Slurm 24.11's rules (configured by provisioner.slurm-version)");
    }

    @Test
    void aKeySlurm2411RemovedIsAProblemNamingTheVersion() throws Exception {
        String site = workingSite(TestConf.CLOUD8 + "SlurmctldPlugstack=/etc/slurm/plugstack.conf\n")
                + "provisioner.slurm-version=24.11\n";

        assertThat(check(site)).isEqualTo(AdminMain.PROBLEM);

        assertThat(problems()).singleElement().asString()
                .contains("provisioner.slurm-conf: ")
                .contains("Parsing error at unrecognized key: SlurmctldPlugstack (slurmctld 24.11 has no such key")
                .contains("[read with Slurm 24.11's rules (configured by provisioner.slurm-version)]");
    }

    @Test
    void anUnknownSlurmVersionIsAProblemListingTheKnownOnes() throws Exception {
        assertThat(check(workingSite() + "provisioner.slurm-version=23.02\n")).isEqualTo(AdminMain.PROBLEM);

        assertThat(problems()).containsExactly("problem: provisioner.slurm-version: unknown Slurm version '23.02'"
                + " (from provisioner.slurm-version); known versions: 22.05, 24.11, 26.05");
    }

    @Test
    void withoutAVersionTheVersionOfTheRealScontrolIsDetectedAndNamed() throws Exception {
        String site = workingSite().replaceAll("provisioner\\.slurm\\.scontrol=.*\n",
                "provisioner.slurm.scontrol=/usr/bin/scontrol\nprovisioner.slurm.timeout=5s\n");

        check(site);

        assertThat(output()).contains("slurm.conf: " + dir.resolve("slurm/slurm.conf")
                + " read with Slurm 22.05's rules (detected from /usr/bin/scontrol --version)");
    }

    @Test
    void aScontrolThatDoesNotTellItsVersionLeavesTheDefaultAndSaysWhy() throws Exception {
        assertThat(check(workingSite())).as(output()).isZero();

        assertThat(output()).contains(" read with Slurm 24.11's rules (the default: " + dir.resolve("slurm/scontrol")
                + " --version did not tell its version: exit 1: invalid keyword: --version)");
    }
}
